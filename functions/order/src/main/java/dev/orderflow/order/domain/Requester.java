package dev.orderflow.order.domain;

/**
 * Who asks for something to be done to orders, and the one place that says what each may do.
 *
 * <ul>
 * <li>A <b>customer</b> places orders for themself, sees and lists only their own orders (another customer's
 * order does not exist for them: not found, never "forbidden"), changes their lines and cancels them as the state
 * machine allows.</li>
 * <li>The <b>back office</b> (support, the payment service, the warehouse) may do all that to any order, place an
 * order on a customer's behalf, list any customer's orders, and move orders through payment and delivery:
 * {@code PAID}, {@code SHIPPED}, {@code DELIVERED} are never a customer's to set.</li>
 * </ul>
 *
 * @param id         the customer's user id, or the back-office client's id (the token's subject)
 * @param backOffice whether the caller acts for the shop rather than for themself
 */
public record Requester(String id, boolean backOffice) {

    public Requester {
        Limits.checkId("caller", id);
    }

    public static Requester customer(String userId) {
        return new Requester(userId, false);
    }

    public static Requester backOffice(String clientId) {
        return new Requester(clientId, true);
    }

    /** Whether the order is there for this requester at all. */
    public boolean maySee(Order order) {
        return backOffice || order.userId().equals(id);
    }

    /**
     * The user a new order is placed for: the customer themself ({@code requestedUserId} may be omitted or name them),
     * or, for the back office, the customer it names.
     */
    public String ownerOfNewOrder(String requestedUserId) {
        return owner(requestedUserId, "places an order for a customer", "places orders only for themself");
    }

    /**
     * The user whose orders are listed: the customer's own, or the one the back office names; null when the back office
     * names none (every customer's).
     */
    public String ownerToList(String requestedUserId) {
        if (backOffice && requestedUserId == null) {
            return null;
        }
        return owner(requestedUserId, "lists orders", "lists only their own orders");
    }

    /** Unless this requester is the back office: what only the shop may see, such as an order's history. */
    public void checkBackOffice(String what) {
        if (!backOffice) {
            throw new NotPermitted(what + " is the back office's to see");
        }
    }

    private String owner(String requestedUserId, String whenTheBackOffice, String aCustomer) {
        if (requestedUserId != null) {
            Limits.checkId("userId", requestedUserId);
        }
        if (backOffice) {
            if (requestedUserId == null) {
                throw new InvalidInput("userId", "is required when the back office " + whenTheBackOffice);
            }
            return requestedUserId;
        }
        if (requestedUserId != null && !requestedUserId.equals(id)) {
            throw new NotPermitted("userId: a customer " + aCustomer + "; omit userId or send your own");
        }
        return id;
    }

    /**
     * Unless this requester may ask for {@code target}: PAID, SHIPPED and DELIVERED are the back office's (403 for a
     * customer). Whether the order's state allows a status at all is the state machine's: a status nobody may set
     * (CONFIRMED, EXPIRED, ...) is its 409, for a customer as for the back office.
     */
    public void checkMaySet(OrderStatus target) {
        boolean theShops =
                target == OrderStatus.PAID || target == OrderStatus.SHIPPED || target == OrderStatus.DELIVERED;
        if (!backOffice && theShops) {
            throw new NotPermitted(
                    "status: " + target + " is set by the shop, not by a customer; a customer may set CANCELED");
        }
    }
}
