package dev.orderflow.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HttpExchangeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A service that says IllegalArgumentException is the client's fault (400) and nothing else is. */
    private final HttpExchange exchange = new HttpExchange(JSON, e -> e instanceof IllegalArgumentException ? 400 : 0);

    @Test
    void unexpectedFailureIs500WithTheCorrelationIdAndNoInternals() {
        APIGatewayV2HTTPResponse response = exchange.handle(request("req-77", null), r -> {
            throw new IllegalStateException("connection pool exhausted at db-host-17");
        });

        JsonNode body = JSON.readTree(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(body.get("success").booleanValue()).isFalse();
        assertThat(body.get("error").stringValue()).isEqualTo("internal error; correlation id req-77");
        assertThat(response.getBody()).doesNotContain("db-host-17", "IllegalStateException", "at dev.");
        assertThat(response.getHeaders()).containsEntry("X-Correlation-Id", "req-77");
    }

    @Test
    void aStoreThatDoesNotAnswerIs503WithRetryAfterAndNoInternals() {
        APIGatewayV2HTTPResponse response = exchange.handle(request("req-78", null), r -> {
            throw SdkClientException.create(
                    "Unable to execute HTTP request: db-host-17", ApiCallTimeoutException.create(2_000));
        });

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "2").containsEntry("X-Correlation-Id", "req-78");
        assertThat(JSON.readTree(response.getBody()).get("error").stringValue())
                .isEqualTo("temporarily unavailable: a store did not answer in time; retry after 2 seconds");
        assertThat(response.getBody()).doesNotContain("db-host-17", "Exception");
    }

    @Test
    void theClientsOwnCorrelationIdIsKeptWhenItIsAPlainTokenAndCarriedByTheLogsOfTheRequest() {
        var own = request("req-79", null);
        own.setHeaders(Map.of("content-type", "application/json", "x-correlation-id", "checkout-42.a_b:c"));
        var odd = request("req-80", null);
        odd.setHeaders(Map.of("content-type", "application/json", "x-correlation-id", "not a token <script>"));
        String[] seen = new String[1];

        var kept = exchange.handle(own, r -> {
            seen[0] = org.slf4j.MDC.get(HttpExchange.CORRELATION_MDC_KEY);
            return HttpResult.ok(Map.of());
        });

        assertThat(kept.getHeaders()).containsEntry("X-Correlation-Id", "checkout-42.a_b:c");
        assertThat(seen[0]).isEqualTo("checkout-42.a_b:c");
        assertThat(org.slf4j.MDC.get(HttpExchange.CORRELATION_MDC_KEY))
                .as("cleared after the request")
                .isNull();
        assertThat(exchange.handle(odd, r -> HttpResult.ok(Map.of())).getHeaders())
                .containsEntry("X-Correlation-Id", "req-80");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllowAnUnknownPath404() {
        var routes = RouteTable.parse("GET /oms/orders/{orderId}, PUT /oms/orders/{orderId}, POST /oms/orders");
        var delete = request("r", null);
        delete.getRequestContext().getHttp().setMethod("DELETE");
        delete.setRawPath("/oms/orders/ord-1");
        var unknown = request("r", null);
        unknown.setRawPath("/oms/nothing");

        var refused = exchange.notFound(delete, routes);

        assertThat(refused.getStatusCode()).isEqualTo(405);
        assertThat(refused.getHeaders()).containsEntry("Allow", "GET, PUT");
        assertThat(JSON.readTree(refused.getBody()).get("error").stringValue())
                .isEqualTo("method DELETE is not allowed on /oms/orders/ord-1; allowed: GET, PUT");
        assertThat(exchange.notFound(unknown, routes).getStatusCode()).isEqualTo(404);
    }

    @Test
    void anEncodedSlashInASegmentIs404SayingSoNeverA405AllowingTheMethodUsed() {
        var routes = RouteTable.parse("GET /inventory/products/{productId}, PUT /inventory/products/{productId}");
        var traversal = request("r", null);
        traversal.getRequestContext().getHttp().setMethod("GET");
        traversal.setRawPath("/inventory/products/..%2F..%2Fetc%2Fpasswd");

        var answer = exchange.notFound(traversal, routes);

        assertThat(answer.getStatusCode()).isEqualTo(404);
        assertThat(answer.getHeaders()).doesNotContainKey("Allow");
        assertThat(JSON.readTree(answer.getBody()).get("error").stringValue())
                .contains("must not contain an encoded '/' (%2F)");
    }

    @Test
    void clientErrorsKeepTheirMessageAndStatus() {
        APIGatewayV2HTTPResponse response = exchange.handle(request("r", null), r -> {
            throw new IllegalArgumentException("userId: is required");
        });

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).get("error").stringValue()).isEqualTo("userId: is required");
    }

    @Test
    void oversizedAndNonJsonBodiesAreRefusedBeforeTheHandlerRuns() {
        var large = request("r", "x".repeat(HttpExchange.MAX_BODY_BYTES + 1));
        var form = request("r", "a=1");
        form.setHeaders(Map.of("content-type", "application/x-www-form-urlencoded"));

        assertThat(exchange.handle(large, r -> {
                            throw new AssertionError("handler ran");
                        })
                        .getStatusCode())
                .isEqualTo(413);
        assertThat(exchange.handle(form, r -> {
                            throw new AssertionError("handler ran");
                        })
                        .getStatusCode())
                .isEqualTo(415);
    }

    @Test
    void aBodyInAnotherCharsetIs415AndInvalidUtf8Is400() {
        var latin1 = request("r", "{}");
        latin1.setHeaders(Map.of("content-type", "application/json; charset=ISO-8859-1"));
        var utf8 = request("r", "{}");
        utf8.setHeaders(Map.of("content-type", "application/json; charset=\"utf-8\""));
        var invalid = request(
                "r",
                Base64.getEncoder().encodeToString(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}));
        invalid.setIsBase64Encoded(true);

        var refused = exchange.handle(latin1, r -> {
            throw new AssertionError("handler ran");
        });
        assertThat(refused.getStatusCode()).isEqualTo(415);
        assertThat(JSON.readTree(refused.getBody()).get("error").stringValue())
                .isEqualTo("Content-Type: the charset must be UTF-8, not iso-8859-1");
        assertThat(exchange.handle(utf8, r -> HttpResult.ok(Map.of())).getStatusCode())
                .isEqualTo(200);
        var broken = exchange.handle(invalid, r -> {
            throw new AssertionError("handler ran");
        });
        assertThat(broken.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(broken.getBody()).get("error").stringValue())
                .isEqualTo("body: must be UTF-8 encoded JSON");
    }

    @Test
    void base64BodyIsDecodedBeforeTheHandlerSeesIt() {
        var event = request("r", "eyJhIjoxfQ==");
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = exchange.handle(event, r -> HttpResult.ok(Map.of("echo", r.body())));

        assertThat(JSON.readTree(response.getBody()).get("data").get("echo").stringValue())
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void withoutAVerifiedCallerTheHandlerNeverRunsAndTheAnswerIs401() {
        var anonymous = request("req-81", "{}");
        anonymous.getRequestContext().setAuthorizer(null);
        var noSubject = request("req-82", "{}");
        noSubject.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("scope", "orderflow/orders"));

        for (var event : List.of(anonymous, noSubject)) {
            APIGatewayV2HTTPResponse response = exchange.handle(event, r -> {
                throw new AssertionError("handler ran");
            });

            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
            assertThat(JSON.readTree(response.getBody()).get("error").stringValue())
                    .startsWith("unauthorized:");
        }
    }

    @Test
    void theHandlerSeesTheVerifiedCallerAndAMissingScopeIs403() {
        APIGatewayV2HTTPResponse response = exchange.handle(request("req-83", null), r -> {
            assertThat(r.caller().subject()).isEqualTo("user-42");
            Forbidden.unlessScope(r.caller(), "orderflow/orders:admin");
            return HttpResult.ok(Map.of());
        });

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.getBody()).get("error").stringValue())
                .isEqualTo("forbidden: this needs the scope orderflow/orders:admin");
    }

    private static APIGatewayV2HTTPEvent request(String requestId, String body) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("POST")
                .withPath("/oms/orders")
                .build();
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(
                Map.of("sub", "user-42", "scope", "orderflow/orders"), null);
        var authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(jwt)
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(requestId)
                .withHttp(http)
                .withAuthorizer(authorizer)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/oms/orders")
                .withRequestContext(context)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body)
                .build();
    }
}
