package dev.orderflow.inventory.application;

import dev.orderflow.inventory.domain.NewProduct;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.ProductChange;
import dev.orderflow.inventory.domain.ProductExists;
import dev.orderflow.inventory.domain.ProductNotFound;
import dev.orderflow.inventory.domain.Reservation;
import dev.orderflow.inventory.domain.ReservationPlan;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where products and reservations live. Stock never goes below zero: every decrement is conditional. */
public interface Stock {

    /** @throws ProductExists when the id is taken */
    Product add(NewProduct product, long lowStockThreshold, Instant now);

    /** The product as last written (a strongly consistent read). */
    Optional<Product> find(String productId);

    /** Products in id order; {@code cursor} is null for the first page. */
    ProductPage list(int limit, String cursor);

    /** @throws ProductNotFound when there is no such product */
    Product restock(String productId, long quantity, Instant now);

    /** @throws ProductNotFound when there is no such product */
    Product change(String productId, ProductChange change, Instant now);

    /**
     * What an order event is planned from, read together (strongly consistent): what is held for the order
     * ({@link Reservation#none} when nothing yet) and the units available now per product (products that do not
     * exist are absent from the map).
     */
    default Holding read(String orderId, Collection<String> productIds) {
        Holdings read = read(List.of(orderId), productIds);
        return new Holding(read.reservationOf(orderId), read.available());
    }

    /**
     * What a batch of order events is planned from, read together as {@link #read(String, Collection)} reads one
     * order's: the reservations of these orders and the units available of these products.
     */
    Holdings read(Collection<String> orderIds, Collection<String> productIds);

    /** An order's reservation and the availability of its products, as read at one moment. */
    record Holding(Reservation reservation, Map<String, Long> available) {}

    /** Several orders' reservations (absent: nothing held yet) and the availability of their products (absent: no such product). */
    record Holdings(Map<String, Reservation> reservations, Map<String, Long> available) {

        public Reservation reservationOf(String orderId) {
            Reservation held = reservations.get(orderId);
            return held != null ? held : Reservation.none(orderId);
        }
    }

    /**
     * Writes a plan in one transaction: the stock moves (each reserve conditional on enough available
     * units) and the new reservation (conditional on the reservation still being at {@code expectedVersion}).
     *
     * @return false when a condition failed because someone else changed the stock or the reservation
     *         meanwhile; the caller reads again and plans again
     * @throws dev.orderflow.inventory.domain.ImplausibleEvent when a release asks for more units than the product
     *         has reserved: no retry can make that true
     */
    boolean apply(ReservationPlan plan, long expectedVersion, Instant now);
}
