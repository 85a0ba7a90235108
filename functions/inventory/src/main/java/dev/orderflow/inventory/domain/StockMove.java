package dev.orderflow.inventory.domain;

/**
 * How one product's stock moves for one order event.
 *
 * @param reserve units moved from available to reserved (needs {@code available >= reserve})
 * @param release units moved from reserved back to available
 * @param ship    units that leave reserved (shipped)
 */
public record StockMove(long reserve, long release, long ship) {

    public long availableChange() {
        return release - reserve;
    }

    public long reservedChange() {
        return reserve - release - ship;
    }
}
