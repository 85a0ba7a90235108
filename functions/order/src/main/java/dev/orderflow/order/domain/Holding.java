package dev.orderflow.order.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a customer holds in open unpaid orders, or what one order or change adds to it (negative: gives back).
 *
 * @param orders the open unpaid orders
 * @param units  units of each product their lines not cancelled ask for or hold
 */
public record Holding(int orders, Map<String, Integer> units) {

    public static final Holding NONE = new Holding(0, Map.of());

    public Holding {
        units = Map.copyOf(units);
    }

    /** This minus {@code before}: what a change from {@code before} to this adds; products without change left out. */
    public Holding minus(Holding before) {
        Map<String, Integer> delta = new TreeMap<>(units);
        before.units().forEach((product, quantity) -> delta.merge(product, -quantity, Integer::sum));
        delta.values().removeIf(quantity -> quantity == 0);
        return new Holding(orders - before.orders(), delta);
    }

    public boolean isEmpty() {
        return orders == 0 && units.isEmpty();
    }
}
