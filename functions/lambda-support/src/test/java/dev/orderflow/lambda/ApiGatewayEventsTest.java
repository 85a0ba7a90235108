package dev.orderflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiGatewayEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void reencodesAJsonArrayBodyAsBase64() {
        byte[] event = bytes(
                "{\"version\":\"2.0\",\"routeKey\":\"POST /oms/orders\",\"body\":\" [1,2]\",\"isBase64Encoded\":false}");

        JsonNode shielded = JSON.readTree(ApiGatewayEvents.shieldArrayBody(event));

        assertThat(shielded.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(shielded.get("body").stringValue()), StandardCharsets.UTF_8))
                .isEqualTo(" [1,2]");
        assertThat(shielded.get("routeKey").stringValue()).isEqualTo("POST /oms/orders");
    }

    @Test
    void findsTheBodyWhereverItIsAmongTheFields() {
        byte[] bodyFirst = bytes("{\"body\":\"[]\",\"headers\":{\"body\":\"{}\"},\"httpMethod\":\"POST\"}");

        JsonNode shielded = JSON.readTree(ApiGatewayEvents.shieldArrayBody(bodyFirst));

        assertThat(shielded.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(shielded.get("body").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(bytes("[]")));
    }

    @Test
    void leavesObjectBodiesAndOtherEventsAlone() {
        byte[] objectBody = bytes(
                "{\"version\":\"2.0\",\"routeKey\":\"POST /oms/orders\",\"body\":\"{}\",\"isBase64Encoded\":false}");
        byte[] alreadyEncoded =
                bytes("{\"version\":\"2.0\",\"routeKey\":\"POST /x\",\"body\":\"WzFd\",\"isBase64Encoded\":true}");
        byte[] streamEvent = bytes("{\"Records\":[{\"eventName\":\"INSERT\"}]}");
        byte[] notJson = bytes("not json");
        byte[] nestedArrayBody = bytes("{\"Records\":[{\"body\":\"[1]\",\"routeKey\":\"x\"}]}");
        byte[] truncated = bytes("{\"routeKey\":\"POST /x\",\"body\":\"[1]\"");

        assertThat(ApiGatewayEvents.shieldArrayBody(objectBody)).isSameAs(objectBody);
        assertThat(ApiGatewayEvents.shieldArrayBody(alreadyEncoded)).isSameAs(alreadyEncoded);
        assertThat(ApiGatewayEvents.shieldArrayBody(streamEvent)).isSameAs(streamEvent);
        assertThat(ApiGatewayEvents.shieldArrayBody(notJson)).isSameAs(notJson);
        assertThat(ApiGatewayEvents.shieldArrayBody(nestedArrayBody)).isSameAs(nestedArrayBody);
        assertThat(ApiGatewayEvents.shieldArrayBody(truncated)).isSameAs(truncated);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
