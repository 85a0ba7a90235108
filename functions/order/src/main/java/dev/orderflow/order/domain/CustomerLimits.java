package dev.orderflow.order.domain;

import java.util.Map;

/**
 * What one customer may hold at once in open unpaid orders (PENDING, CONFIRMED, PARTIALLY_CONFIRMED): how many such
 * orders, and how many units of one product across them. Stock held by an unpaid order is stock nobody else can buy
 * until the payment hold runs out, so without these one signed-up script could hold a shop's whole stock. The back
 * office is not limited ({@link #NONE}).
 */
public record CustomerLimits(int maxOpenOrders, int maxUnitsPerProduct) {

    /** No limit: the back office, and the system's own changes (which never add to what a customer holds). */
    public static final CustomerLimits NONE = new CustomerLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    public CustomerLimits {
        if (maxOpenOrders < 1 || maxUnitsPerProduct < 1) {
            throw new IllegalArgumentException(
                    "customer limits must be at least 1: " + maxOpenOrders + ", " + maxUnitsPerProduct);
        }
    }

    /** The limits for {@code requester}: none for the back office. */
    public CustomerLimits of(Requester requester) {
        return requester.backOffice() ? NONE : this;
    }

    public boolean limited() {
        return !equals(NONE);
    }

    /** Refuses, before anything is stored, a change that alone adds more units of a product than the limit allows. */
    public void checkAlone(Holding added) {
        added.units().forEach((product, units) -> {
            if (units > maxUnitsPerProduct) {
                throw unitsReached(product, 0, units);
            }
        });
    }

    /**
     * Why a change adding {@code added} to what the customer holds ({@code held}) goes over a limit; null when it
     * does not.
     */
    public LimitReached reached(Holding held, Holding added) {
        if (added.orders() > 0 && held.orders() + added.orders() > maxOpenOrders) {
            return new LimitReached("a customer may have at most " + maxOpenOrders
                    + " open unpaid orders (PENDING, CONFIRMED or " + "PARTIALLY_CONFIRMED); pay or cancel one first");
        }
        for (Map.Entry<String, Integer> units : added.units().entrySet()) {
            int before = held.units().getOrDefault(units.getKey(), 0);
            if (units.getValue() > 0 && before + units.getValue() > maxUnitsPerProduct) {
                return unitsReached(units.getKey(), before, units.getValue());
            }
        }
        return null;
    }

    private LimitReached unitsReached(String product, int held, int asked) {
        return new LimitReached(
                "a customer may hold at most " + maxUnitsPerProduct + " units of one product across open unpaid "
                        + "orders; product " + product + ": " + held + " held, " + asked + " more asked");
    }
}
