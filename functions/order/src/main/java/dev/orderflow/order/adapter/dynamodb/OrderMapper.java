package dev.orderflow.order.adapter.dynamodb;

import dev.orderflow.order.adapter.dynamodb.OrderRecords.LineRecord;
import dev.orderflow.order.adapter.dynamodb.OrderRecords.OrderRecord;
import dev.orderflow.order.domain.LineStatus;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Domain order to stored record and back. Timestamps are fixed-width UTC strings, so they sort as text. */
final class OrderMapper {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The month an order was placed in, the partition of the back office's listing. */
    static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("uuuu-MM").withZone(ZoneOffset.UTC);

    private OrderMapper() {}

    static OrderRecord toRecord(Order order) {
        var record = new OrderRecord();
        record.orderId = order.orderId();
        record.userId = order.userId();
        record.status = order.status().name();
        record.orderItems =
                order.orderItems().stream().map(OrderMapper::toRecord).toList();
        record.createdAt = TIMESTAMP.format(order.createdAt());
        record.createdMonth = MONTH.format(order.createdAt());
        record.updatedAt = TIMESTAMP.format(order.updatedAt());
        record.version = order.version();
        record.confirmedAt = order.confirmedAt() == null ? null : TIMESTAMP.format(order.confirmedAt());
        record.pendingShard = order.status() == OrderStatus.PENDING ? OrderRecords.PENDING_SHARD : null;
        record.paymentShard = order.awaitsPayment() ? OrderRecords.AWAITING_PAYMENT_SHARD : null;
        return record;
    }

    static Order toOrder(OrderRecord record) {
        return new Order(
                record.orderId,
                record.userId,
                OrderStatus.valueOf(record.status),
                record.orderItems.stream().map(OrderMapper::toLine).toList(),
                instant(record.createdAt),
                instant(record.updatedAt),
                confirmedAt(record),
                record.version);
    }

    /** When the order was first confirmed; for an order stored before that was kept and awaiting payment, its last change. */
    private static Instant confirmedAt(OrderRecord record) {
        if (record.confirmedAt != null) {
            return instant(record.confirmedAt);
        }
        return OrderStatus.valueOf(record.status).awaitsPayment() ? instant(record.updatedAt) : null;
    }

    static Instant instant(String timestamp) {
        return Instant.from(TIMESTAMP.parse(timestamp));
    }

    static boolean isTimestamp(String text) {
        try {
            TIMESTAMP.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static LineRecord toRecord(OrderLine line) {
        var record = new LineRecord();
        record.productId = line.productId();
        record.quantity = line.quantity();
        record.status = line.status().name();
        record.reason = line.reason();
        record.revision = line.revision();
        return record;
    }

    static OrderLine toLine(LineRecord record) {
        // lines stored before revisions existed became PENDING with the order, at version 1
        return new OrderLine(
                record.productId,
                record.quantity,
                LineStatus.valueOf(record.status),
                record.reason,
                record.revision == null ? 1 : record.revision);
    }
}
