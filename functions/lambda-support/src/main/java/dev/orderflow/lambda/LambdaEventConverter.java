package dev.orderflow.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.MimeType;

/**
 * Reads AWS Lambda event types (API Gateway, DynamoDB Streams, Kafka, schedule events) with the serializers Lambda's
 * Java runtime uses, each built once per type. Spring Cloud Function's own AWS converter builds a new serializer -
 * Jackson introspection of the whole event class - for every event: measured, about a fifth of the local runner's
 * CPU under load, and the same cost on every Lambda invocation. Registered ahead of it, this converter takes the
 * events it can read (JSON as bytes or text) and leaves everything else, including writing responses, to it.
 */
final class LambdaEventConverter extends AbstractMessageConverter {

    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";

    private final Map<Class<?>, PojoSerializer<?>> serializers = new ConcurrentHashMap<>();

    LambdaEventConverter() {
        super(new MimeType("application", "json"));
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type.getName().startsWith(EVENTS_PACKAGE);
    }

    @Override
    protected boolean canConvertFrom(Message<?> message, Class<?> targetClass) {
        Object payload = message.getPayload();
        return supports(targetClass) && (payload instanceof byte[] || payload instanceof String);
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        Object payload = message.getPayload();
        byte[] json = payload instanceof byte[] bytes ? bytes : ((String) payload).getBytes(StandardCharsets.UTF_8);
        PojoSerializer<?> serializer = serializers.computeIfAbsent(
                targetClass,
                type -> LambdaEventSerializers.serializerFor(type, LambdaEventConverter.class.getClassLoader()));
        return serializer.fromJson(new ByteArrayInputStream(json));
    }

    @Override
    protected boolean canConvertTo(Object payload, MessageHeaders headers) {
        return false;
    }
}
