package dev.orderflow.inventory.adapter.function;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.orderflow.inventory.application.DetectStockAlerts;
import dev.orderflow.inventory.application.InventoryEvents.StockChange;
import dev.orderflow.lambda.Failures;
import dev.orderflow.lambda.kafka.PoisonMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggered by the products table's stream (old and new images): every change of {@code available} is
 * checked for crossings; a record whose alerts could not be published is reported, so the trigger retries
 * from it (alert ids are stable, so a retried alert is recognisable). A record that can never raise an alert as it
 * is (not a product as the table stores it) is classified by {@link Failures} like every other trigger's poison:
 * logged and passed, never retried.
 */
public final class StockAlertDetector {

    private static final Logger log = LoggerFactory.getLogger(StockAlertDetector.class);

    private final DetectStockAlerts detectStockAlerts;

    public StockAlertDetector(DetectStockAlerts detectStockAlerts) {
        this.detectStockAlerts = detectStockAlerts;
    }

    public StreamsEventResponse detect(DynamodbEvent event) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbStreamRecord record : records) {
            if (!"INSERT".equals(record.getEventName()) && !"MODIFY".equals(record.getEventName())) {
                continue;
            }
            String sequence =
                    record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            try {
                StockChange change = change(record);
                try (var about = org.slf4j.MDC.putCloseable("productId", change.productId())) {
                    detectStockAlerts.detect(List.of(change));
                }
            } catch (RuntimeException e) {
                if (Failures.classify(e) == Failures.Kind.POISON || sequence == null) {
                    // retrying cannot fix it (locally the trigger would retry it for ever, on AWS 100 times): said,
                    // passed
                    log.error(
                            "Stream record {} skipped: it can never raise an alert as it is ({})",
                            sequence,
                            Failures.summary(e));
                    continue;
                }
                log.warn(
                        "Alerts for stream record {} not published; retrying from it: {}",
                        sequence,
                        Failures.summary(e));
                return StreamsEventResponse.builder()
                        .withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(sequence)
                                .build()))
                        .build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    /** The change a record describes; a record without the product's attributes as the table writes them is poison. */
    private static StockChange change(DynamodbStreamRecord record) {
        try {
            Map<String, AttributeValue> before = record.getDynamodb().getOldImage();
            Map<String, AttributeValue> after = record.getDynamodb().getNewImage();
            return new StockChange(
                    after.get("productId").getS(),
                    before == null || before.isEmpty()
                            ? null
                            : Long.parseLong(before.get("available").getN()),
                    Long.parseLong(after.get("available").getN()),
                    Long.parseLong(after.get("lowStockThreshold").getN()),
                    Long.parseLong(after.get("version").getN()),
                    Instant.parse(after.get("updatedAt").getS()));
        } catch (RuntimeException e) {
            throw new PoisonMessage("not a product as the products table stores it: " + Failures.summary(e));
        }
    }
}
