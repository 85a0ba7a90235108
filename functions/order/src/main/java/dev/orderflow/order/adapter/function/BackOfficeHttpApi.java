package dev.orderflow.order.adapter.function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderflow.lambda.http.HttpExchange;
import dev.orderflow.lambda.http.HttpResult;
import dev.orderflow.lambda.kafka.DeadLetterBacklog;
import dev.orderflow.order.application.GetOrderHistory;
import dev.orderflow.order.application.HistoryEntry;
import dev.orderflow.order.application.WatchBacklog;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** What only the back office reads: an order's history, the backlog and the dead letters at a glance. */
public final class BackOfficeHttpApi {

    private final GetOrderHistory getOrderHistory;
    private final WatchBacklog watchBacklog;
    private final DeadLetterBacklog deadLetters;
    private final String deadLetterTopic;
    private final HttpExchange exchange;

    /** @param deadLetterTopic the dead-letter topic Order Management writes (Inventory's answers it could not apply) */
    public BackOfficeHttpApi(
            GetOrderHistory getOrderHistory,
            WatchBacklog watchBacklog,
            DeadLetterBacklog deadLetters,
            String deadLetterTopic,
            JsonMapper json) {
        this.getOrderHistory = getOrderHistory;
        this.watchBacklog = watchBacklog;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = deadLetterTopic;
        this.exchange = new HttpExchange(json, OrderHttpApi::statusOf);
    }

    /** {@code GET /oms/orders/{orderId}/history}: every change of the order, oldest first, and who or what made it. */
    public APIGatewayV2HTTPResponse getOrderHistory(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, request -> {
            String orderId = request.pathParameter("orderId");
            List<HistoryEntry> entries = getOrderHistory.history(OrderHttpApi.requester(request.caller()), orderId);
            return HttpResult.ok(new HistoryView(
                    orderId, entries.stream().map(ChangeView::of).toList()));
        });
    }

    /** {@code GET /oms/backlog}: how many orders wait for Inventory, and how long the oldest has waited. */
    public APIGatewayV2HTTPResponse getBacklog(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, request -> {
            WatchBacklog.Backlog backlog = watchBacklog.awaitingInventory(OrderHttpApi.requester(request.caller()));
            return HttpResult.ok(new BacklogView(
                    backlog.awaiting().count(),
                    backlog.awaiting().capped(),
                    backlog.awaiting().oldest(),
                    backlog.oldestAge() == null ? null : backlog.oldestAge().toSeconds()));
        });
    }

    /**
     * {@code GET /oms/dead-letters}: how many of Inventory's answers Order Management could never apply wait on its
     * dead-letter topic for the operator's {@code replay}.
     */
    public APIGatewayV2HTTPResponse getDeadLetters(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, request -> {
            OrderHttpApi.requester(request.caller()).checkBackOffice("the dead letters");
            return HttpResult.ok(new DeadLettersView(deadLetterTopic, deadLetters.waiting(deadLetterTopic)));
        });
    }

    record DeadLettersView(String topic, long waiting) {}

    record HistoryView(String orderId, List<ChangeView> changes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangeView(
            long version,
            Instant at,
            String previousStatus,
            String status,
            String changedBy,
            String changedById,
            List<OrderView.LineView> orderItems) {

        static ChangeView of(HistoryEntry entry) {
            return new ChangeView(
                    entry.version(),
                    entry.at(),
                    entry.previousStatus() == null
                            ? null
                            : entry.previousStatus().name(),
                    entry.status().name(),
                    entry.changedBy().kind().name(),
                    entry.changedBy().id(),
                    entry.orderItems().stream().map(OrderView::line).toList());
        }
    }

    /**
     * @param awaitingInventory orders waiting for Inventory's answer
     * @param atLeast           whether more wait than were counted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BacklogView(int awaitingInventory, boolean atLeast, Instant oldestWaitingSince, Long oldestWaitSeconds) {}
}
