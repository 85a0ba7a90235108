package dev.orderflow.order.application;

import dev.orderflow.order.domain.Requester;

/**
 * Who or what made a change to an order, as its history shows it: a customer or the back office (with the token's
 * subject), Inventory's answer, or one of Order Management's own schedules.
 *
 * @param id the customer's or back-office caller's id; null for Inventory and the schedules
 */
public record ChangedBy(Kind kind, String id) {

    public enum Kind {
        /** a customer, through the API */
        CUSTOMER,
        /** the shop's support, payment or warehouse staff, through the API */
        BACK_OFFICE,
        /** Inventory's answer to an order event */
        INVENTORY,
        /** the payment hold ran out: the order expired */
        PAYMENT_HOLD,
        /** Inventory did not answer in time: the waiting lines were cancelled */
        INVENTORY_TIMEOUT
    }

    public static ChangedBy of(Requester requester) {
        return new ChangedBy(requester.backOffice() ? Kind.BACK_OFFICE : Kind.CUSTOMER, requester.id());
    }

    public static final ChangedBy INVENTORY = new ChangedBy(Kind.INVENTORY, null);
    public static final ChangedBy PAYMENT_HOLD = new ChangedBy(Kind.PAYMENT_HOLD, null);
    public static final ChangedBy INVENTORY_TIMEOUT = new ChangedBy(Kind.INVENTORY_TIMEOUT, null);
}
