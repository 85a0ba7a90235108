package dev.orderflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;

class LambdaEventConverterTest {

    private final LambdaEventConverter converter = new LambdaEventConverter();

    @Test
    void readsADynamoDbStreamsEventWithLambdasOwnFieldNames() {
        String json = """
                {"Records":[{"eventID":"e-1","eventName":"INSERT","eventSource":"aws:dynamodb",
                  "dynamodb":{"Keys":{"eventId":{"S":"id-1"}},"NewImage":{"eventId":{"S":"id-1"},"n":{"N":"3"}},
                  "SequenceNumber":"100","StreamViewType":"NEW_IMAGE"}}]}""";

        var event = (DynamodbEvent) converter.fromMessage(
                MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                        .build(),
                DynamodbEvent.class);

        assertThat(event.getRecords()).hasSize(1);
        assertThat(event.getRecords().get(0).getEventName()).isEqualTo("INSERT");
        assertThat(event.getRecords()
                        .get(0)
                        .getDynamodb()
                        .getNewImage()
                        .get("n")
                        .getN())
                .isEqualTo("3");
        assertThat(event.getRecords().get(0).getDynamodb().getSequenceNumber()).isEqualTo("100");
    }

    @Test
    void readsTheSameEventTypeAgainAndOthersFromTextToo() {
        String kafka =
                "{\"eventSource\":\"aws:kafka\",\"records\":{\"t-0\":[{\"topic\":\"t\",\"partition\":0,\"offset\":7,\"value\":\"eA==\"}]}}";
        String http =
                "{\"version\":\"2.0\",\"rawPath\":\"/oms/orders\",\"requestContext\":{\"http\":{\"method\":\"POST\"}},\"body\":\"{}\"}";

        var first = (KafkaEvent)
                converter.fromMessage(MessageBuilder.withPayload(kafka).build(), KafkaEvent.class);
        var second = (KafkaEvent)
                converter.fromMessage(MessageBuilder.withPayload(kafka).build(), KafkaEvent.class);
        var request = (APIGatewayV2HTTPEvent)
                converter.fromMessage(MessageBuilder.withPayload(http).build(), APIGatewayV2HTTPEvent.class);

        assertThat(first.getRecords().get("t-0").get(0).getOffset()).isEqualTo(7);
        assertThat(second.getRecords().get("t-0").get(0).getOffset()).isEqualTo(7);
        assertThat(request.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(request.getRawPath()).isEqualTo("/oms/orders");
    }

    @Test
    void leavesOtherTypesPayloadsAndAllWritingToTheOtherConverters() {
        assertThat(converter.fromMessage(MessageBuilder.withPayload("{}").build(), Map.class))
                .isNull();
        assertThat(converter.fromMessage(
                        MessageBuilder.withPayload(new HashMap<>()).build(), DynamodbEvent.class))
                .isNull();
        assertThat(converter.toMessage(new DynamodbEvent(), null)).isNull();
    }
}
