package dev.orderflow.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationPlannerTest {

    private static final Reservation NOTHING_YET = Reservation.none("ord-1");

    @Test
    void reservesLinesThatHaveStockAndCancelsTheOthersWithAReason() {
        var order = order(1, "PENDING", pending("a", 2), pending("b", 5), pending("ghost", 1));

        ReservationPlan plan = ReservationPlanner.plan(order, NOTHING_YET, Map.of("a", 10L, "b", 4L));

        assertThat(plan.moves()).containsExactly(Map.entry("a", new StockMove(2, 0, 0)));
        assertThat(plan.outcome().action()).isEqualTo(Outcome.Action.RESERVED);
        assertThat(plan.outcome().lines())
                .containsExactly(
                        new Outcome.Decision("a", 2, LineStatus.EXECUTED, null),
                        new Outcome.Decision("b", 5, LineStatus.CANCELED, Outcome.Reason.OUT_OF_STOCK),
                        new Outcome.Decision("ghost", 1, LineStatus.CANCELED, Outcome.Reason.UNKNOWN_PRODUCT));
        assertThat(plan.next().held()).containsExactly(Map.entry("a", 2L));
        assertThat(plan.next().appliedVersion()).isEqualTo(1);
    }

    @Test
    void aLineTakesTheLastUnitsButNeverMore() {
        assertThat(ReservationPlanner.plan(order(1, "PENDING", pending("a", 3)), NOTHING_YET, Map.of("a", 3L))
                        .moves())
                .containsEntry("a", new StockMove(3, 0, 0));
        assertThat(ReservationPlanner.plan(order(1, "PENDING", pending("a", 4)), NOTHING_YET, Map.of("a", 3L))
                        .moves())
                .isEmpty();
    }

    @Test
    void anEventAtOrBelowTheAppliedVersionIsADuplicateAnsweredWithTheStoredAnswer() {
        ReservationPlan first =
                ReservationPlanner.plan(order(1, "PENDING", pending("a", 2)), NOTHING_YET, Map.of("a", 10L));

        ReservationPlan again =
                ReservationPlanner.plan(order(1, "PENDING", pending("a", 2)), first.next(), Map.of("a", 8L));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.moves()).isEmpty();
        assertThat(again.outcome()).isEqualTo(first.outcome());
    }

    /** Cancelled by the customer or EXPIRED unpaid: everything held goes back. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CANCELED", "EXPIRED"})
    void anOrderThatEndsUnpaidReleasesEverythingHeld(String status) {
        Reservation holding = held(2, Map.of("a", 2L, "b", 1L));

        ReservationPlan plan =
                ReservationPlanner.plan(order(3, status, canceled("a", 2), canceled("b", 1)), holding, Map.of());

        assertThat(plan.moves())
                .containsOnly(Map.entry("a", new StockMove(0, 2, 0)), Map.entry("b", new StockMove(0, 1, 0)));
        assertThat(plan.outcome().action()).isEqualTo(Outcome.Action.RELEASED);
        assertThat(plan.next().state()).isEqualTo(Reservation.State.RELEASED);
        assertThat(plan.next().held()).isEmpty();
    }

    @Test
    void shippingTakesTheHeldUnitsOutOfReserved() {
        Reservation holding = held(4, Map.of("a", 2L));

        ReservationPlan plan = ReservationPlanner.plan(order(5, "SHIPPED", executed("a", 2)), holding, Map.of());

        assertThat(plan.moves()).containsExactly(Map.entry("a", new StockMove(0, 0, 2)));
        assertThat(plan.moves().get("a").availableChange()).isZero();
        assertThat(plan.moves().get("a").reservedChange()).isEqualTo(-2);
        assertThat(plan.next().state()).isEqualTo(Reservation.State.SHIPPED);
    }

    @Test
    void nothingMovesAfterTheOrderWasReleasedOrShipped() {
        Reservation released = new Reservation("ord-1", 3, Reservation.State.RELEASED, Map.of(), null);

        ReservationPlan plan =
                ReservationPlanner.plan(order(4, "SHIPPED", executed("a", 2)), released, Map.of("a", 5L));

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.outcome()).isNull();
        assertThat(plan.next().appliedVersion()).isEqualTo(4);
    }

    @Test
    void aLargerQuantityReservesOnlyTheDifference() {
        ReservationPlan plan = ReservationPlanner.plan(
                order(3, "PENDING", pending("a", 5)), held(2, Map.of("a", 2L)), Map.of("a", 3L));

        assertThat(plan.moves()).containsExactly(Map.entry("a", new StockMove(3, 0, 0)));
        assertThat(plan.outcome().lines()).containsExactly(new Outcome.Decision("a", 5, LineStatus.EXECUTED, null));
        assertThat(plan.next().held()).containsExactly(Map.entry("a", 5L));
    }

    @Test
    void aSmallerQuantityReleasesTheDifference() {
        ReservationPlan plan = ReservationPlanner.plan(
                order(3, "PENDING", pending("a", 1)), held(2, Map.of("a", 4L)), Map.of("a", 0L));

        assertThat(plan.moves()).containsExactly(Map.entry("a", new StockMove(0, 3, 0)));
        assertThat(plan.next().held()).containsExactly(Map.entry("a", 1L));
    }

    @Test
    void anIncreaseThatCannotBeCoveredCancelsTheLineAndReleasesWhatItHeld() {
        ReservationPlan plan = ReservationPlanner.plan(
                order(3, "PENDING", pending("a", 9)), held(2, Map.of("a", 2L)), Map.of("a", 3L));

        assertThat(plan.moves()).containsExactly(Map.entry("a", new StockMove(0, 2, 0)));
        assertThat(plan.outcome().lines())
                .containsExactly(new Outcome.Decision("a", 9, LineStatus.CANCELED, Outcome.Reason.OUT_OF_STOCK));
        assertThat(plan.next().held()).isEmpty();
    }

    @Test
    void aLineTheCustomerCancelledReleasesWhatItHeldWithoutAnAnswer() {
        ReservationPlan plan = ReservationPlanner.plan(
                order(3, "CONFIRMED", canceled("a", 2), executed("b", 1)), held(2, Map.of("a", 2L, "b", 1L)), Map.of());

        assertThat(plan.moves()).containsExactly(Map.entry("a", new StockMove(0, 2, 0)));
        assertThat(plan.outcome()).isNull();
        assertThat(plan.next().held()).containsExactly(Map.entry("b", 1L));
        assertThat(plan.changesOnlyTheVersion(held(2, Map.of("a", 2L, "b", 1L))))
                .as("the release is written")
                .isFalse();
    }

    @Test
    void aStatusChangeThatDecidesNothingMovesNothingAndAnswersNothing() {
        Reservation holding = held(2, Map.of("a", 2L));

        ReservationPlan plan = ReservationPlanner.plan(order(3, "PAID", executed("a", 2)), holding, Map.of("a", 8L));

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.outcome()).isNull();
        assertThat(plan.next().appliedVersion()).isEqualTo(3);
        assertThat(plan.next().lastOutcome()).isEqualTo(holding.lastOutcome());
        assertThat(plan.changesOnlyTheVersion(holding)).as("nothing to write").isTrue();
    }

    private static Reservation held(long version, Map<String, Long> held) {
        var last = new Outcome(version, Outcome.Action.RESERVED, List.of());
        return new Reservation("ord-1", version, Reservation.State.ACTIVE, held, last);
    }

    private static OrderSnapshot order(long version, String status, OrderSnapshot.Line... lines) {
        return new OrderSnapshot("ord-1", version, OrderSnapshot.Status.valueOf(status), List.of(lines));
    }

    private static OrderSnapshot.Line pending(String product, int quantity) {
        return new OrderSnapshot.Line(product, quantity, LineStatus.PENDING);
    }

    private static OrderSnapshot.Line executed(String product, int quantity) {
        return new OrderSnapshot.Line(product, quantity, LineStatus.EXECUTED);
    }

    private static OrderSnapshot.Line canceled(String product, int quantity) {
        return new OrderSnapshot.Line(product, quantity, LineStatus.CANCELED);
    }
}
