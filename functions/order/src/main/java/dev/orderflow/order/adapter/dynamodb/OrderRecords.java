package dev.orderflow.order.adapter.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The stored shapes and their schemas, declared without reflection (cheaper Lambda cold starts). The
 * items are plain mutable carriers, as the Enhanced Client needs; the domain never sees them.
 */
final class OrderRecords {

    static final String BY_USER_INDEX = "byUser";
    /** Every order by the month it was placed in ({@code createdMonth}, e.g. 2026-12), newest first: the back office's listing. */
    static final String RECENT_INDEX = "recent";
    /** Every order by its status, newest first: the back office's listing of one status. */
    static final String BY_STATUS_INDEX = "byStatus";
    /** Sparse: only orders waiting for Inventory carry {@code pendingShard}, so the index holds exactly them, by their last change. */
    static final String PENDING_INDEX = "pending";

    static final String PENDING_SHARD = "PENDING";
    /**
     * Sparse: only orders holding stock for a payment carry {@code paymentShard}, so the index holds exactly them, by
     * their first confirmation ({@code confirmedAt}): the payment hold counts from it.
     */
    static final String PAYMENT_INDEX = "awaitingPayment";

    static final String AWAITING_PAYMENT_SHARD = "AWAITING_PAYMENT";

    /** The key prefix of an order's history items ({@link HistoryItems}), kept in the orders table beside it. */
    static final String HISTORY_PREFIX = "history#";

    private OrderRecords() {}

    /** Whether a key of the orders table is no order's: a customer's holdings, or a history entry. */
    static boolean isReservedKey(String orderId) {
        return CustomerHoldings.isHoldingsKey(orderId) || orderId.startsWith(HISTORY_PREFIX);
    }

    static final class LineRecord {
        String productId;
        Integer quantity;
        String status;
        String reason;
        Long revision;
    }

    static final class OrderRecord {
        String orderId;
        String userId;
        String status;
        List<LineRecord> orderItems;
        String createdAt;
        String createdMonth;
        String updatedAt;
        Long version;
        String confirmedAt;
        String pendingShard;
        String paymentShard;
        Integer redrives;
        String lastRedriveAt;
    }

    static final class OutboxRecord {
        String eventId;
        String topic;
        String messageKey;
        String eventType;
        String payload;
        String correlationId;
        String traceparent;
        String createdAt;
        Long expiresAt;
    }

    static final class IdempotencyRecord {
        String idempotencyKey;
        String fingerprint;
        String orderId;
        String createdAt;
        Long expiresAt;
    }

    static final TableSchema<LineRecord> LINE = StaticTableSchema.builder(LineRecord.class)
            .newItemSupplier(LineRecord::new)
            .addAttribute(
                    String.class,
                    a -> a.name("productId").getter(r -> r.productId).setter((r, v) -> r.productId = v))
            .addAttribute(
                    Integer.class,
                    a -> a.name("quantity").getter(r -> r.quantity).setter((r, v) -> r.quantity = v))
            .addAttribute(
                    String.class, a -> a.name("status").getter(r -> r.status).setter((r, v) -> r.status = v))
            .addAttribute(
                    String.class, a -> a.name("reason").getter(r -> r.reason).setter((r, v) -> r.reason = v))
            .addAttribute(
                    Long.class, a -> a.name("revision").getter(r -> r.revision).setter((r, v) -> r.revision = v))
            .build();

    static final TableSchema<OrderRecord> ORDER = StaticTableSchema.builder(OrderRecord.class)
            .newItemSupplier(OrderRecord::new)
            .addAttribute(
                    String.class,
                    a -> a.name("orderId")
                            .getter(r -> r.orderId)
                            .setter((r, v) -> r.orderId = v)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("userId")
                            .getter(r -> r.userId)
                            .setter((r, v) -> r.userId = v)
                            .tags(secondaryPartitionKey(BY_USER_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name("createdAt")
                            .getter(r -> r.createdAt)
                            .setter((r, v) -> r.createdAt = v)
                            .tags(secondarySortKey(List.of(BY_USER_INDEX, RECENT_INDEX, BY_STATUS_INDEX))))
            .addAttribute(
                    String.class,
                    a -> a.name("createdMonth")
                            .getter(r -> r.createdMonth)
                            .setter((r, v) -> r.createdMonth = v)
                            .tags(secondaryPartitionKey(RECENT_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name("status")
                            .getter(r -> r.status)
                            .setter((r, v) -> r.status = v)
                            .tags(secondaryPartitionKey(BY_STATUS_INDEX)))
            .addAttribute(
                    EnhancedType.listOf(EnhancedType.documentOf(LineRecord.class, LINE)),
                    a -> a.name("orderItems").getter(r -> r.orderItems).setter((r, v) -> r.orderItems = v))
            .addAttribute(
                    String.class,
                    a -> a.name("updatedAt")
                            .getter(r -> r.updatedAt)
                            .setter((r, v) -> r.updatedAt = v)
                            .tags(secondarySortKey(PENDING_INDEX)))
            .addAttribute(
                    Long.class, a -> a.name("version").getter(r -> r.version).setter((r, v) -> r.version = v))
            .addAttribute(
                    String.class,
                    a -> a.name("pendingShard")
                            .getter(r -> r.pendingShard)
                            .setter((r, v) -> r.pendingShard = v)
                            .tags(secondaryPartitionKey(PENDING_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name("confirmedAt")
                            .getter(r -> r.confirmedAt)
                            .setter((r, v) -> r.confirmedAt = v)
                            .tags(secondarySortKey(PAYMENT_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name("paymentShard")
                            .getter(r -> r.paymentShard)
                            .setter((r, v) -> r.paymentShard = v)
                            .tags(secondaryPartitionKey(PAYMENT_INDEX)))
            .addAttribute(
                    Integer.class,
                    a -> a.name("redrives").getter(r -> r.redrives).setter((r, v) -> r.redrives = v))
            .addAttribute(
                    String.class,
                    a -> a.name("lastRedriveAt").getter(r -> r.lastRedriveAt).setter((r, v) -> r.lastRedriveAt = v))
            .build();

    static final TableSchema<OutboxRecord> OUTBOX = StaticTableSchema.builder(OutboxRecord.class)
            .newItemSupplier(OutboxRecord::new)
            .addAttribute(
                    String.class,
                    a -> a.name("eventId")
                            .getter(r -> r.eventId)
                            .setter((r, v) -> r.eventId = v)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class, a -> a.name("topic").getter(r -> r.topic).setter((r, v) -> r.topic = v))
            .addAttribute(
                    String.class,
                    a -> a.name("messageKey").getter(r -> r.messageKey).setter((r, v) -> r.messageKey = v))
            .addAttribute(
                    String.class,
                    a -> a.name("eventType").getter(r -> r.eventType).setter((r, v) -> r.eventType = v))
            .addAttribute(
                    String.class, a -> a.name("payload").getter(r -> r.payload).setter((r, v) -> r.payload = v))
            .addAttribute(
                    String.class,
                    a -> a.name("correlationId").getter(r -> r.correlationId).setter((r, v) -> r.correlationId = v))
            .addAttribute(
                    String.class,
                    a -> a.name("traceparent").getter(r -> r.traceparent).setter((r, v) -> r.traceparent = v))
            .addAttribute(
                    String.class,
                    a -> a.name("createdAt").getter(r -> r.createdAt).setter((r, v) -> r.createdAt = v))
            .addAttribute(
                    Long.class,
                    a -> a.name("expiresAt").getter(r -> r.expiresAt).setter((r, v) -> r.expiresAt = v))
            .build();

    static final TableSchema<IdempotencyRecord> IDEMPOTENCY = StaticTableSchema.builder(IdempotencyRecord.class)
            .newItemSupplier(IdempotencyRecord::new)
            .addAttribute(
                    String.class,
                    a -> a.name("idempotencyKey")
                            .getter(r -> r.idempotencyKey)
                            .setter((r, v) -> r.idempotencyKey = v)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("fingerprint").getter(r -> r.fingerprint).setter((r, v) -> r.fingerprint = v))
            .addAttribute(
                    String.class, a -> a.name("orderId").getter(r -> r.orderId).setter((r, v) -> r.orderId = v))
            .addAttribute(
                    String.class,
                    a -> a.name("createdAt").getter(r -> r.createdAt).setter((r, v) -> r.createdAt = v))
            .addAttribute(
                    Long.class,
                    a -> a.name("expiresAt").getter(r -> r.expiresAt).setter((r, v) -> r.expiresAt = v))
            .build();
}
