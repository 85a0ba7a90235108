package dev.orderflow.order.domain;

/** Someone else changed the order between our read and our write; the caller should re-read and retry. */
public final class ConcurrentModification extends OrderException {

    public ConcurrentModification(String orderId) {
        super("order " + orderId + " was modified concurrently; fetch it again and retry");
    }
}
