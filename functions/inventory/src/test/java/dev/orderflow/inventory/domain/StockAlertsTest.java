package dev.orderflow.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StockAlertsTest {

    @Test
    void fallingToTheThresholdIsLowStock() {
        assertThat(StockAlerts.crossed(6, 5, 5)).containsExactly(StockAlerts.Alert.LOW_STOCK);
    }

    @Test
    void stayingBelowTheThresholdRaisesNothingAgain() {
        assertThat(StockAlerts.crossed(4, 2, 5)).isEmpty();
    }

    @Test
    void reachingZeroIsOutOfStockAndLowStockWhenItAlsoCrossesTheThreshold() {
        assertThat(StockAlerts.crossed(1, 0, 5)).containsExactly(StockAlerts.Alert.OUT_OF_STOCK);
        assertThat(StockAlerts.crossed(9, 0, 5))
                .containsExactly(StockAlerts.Alert.LOW_STOCK, StockAlerts.Alert.OUT_OF_STOCK);
    }

    @Test
    void aRestockFromZeroIsBackInStock() {
        assertThat(StockAlerts.crossed(0, 3, 5)).containsExactly(StockAlerts.Alert.BACK_IN_STOCK);
        assertThat(StockAlerts.crossed(0, 0, 5)).isEmpty();
    }

    @Test
    void risingAboveTheThresholdRaisesNothing() {
        assertThat(StockAlerts.crossed(3, 8, 5)).isEmpty();
    }
}
