package dev.orderflow.local.runner;

import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local system seen from outside: plain HTTP calls to the API port with a token of the runner's issuer. By default
 * the back office's (orders:admin and inventory:write); {@link #as} gives a customer's view.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> BACK_OFFICE = List.of("orderflow/orders:admin", "orderflow/inventory:write");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final DevelopmentIssuer issuer;
    private final String token;

    Api(LocalSystem system) {
        this(system.httpPort(), system.issuer());
    }

    Api(int port, DevelopmentIssuer issuer) {
        this(port, issuer, issuer.token("back-office", BACK_OFFICE, Duration.ofHours(1)));
    }

    private Api(int port, DevelopmentIssuer issuer, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.issuer = issuer;
        this.token = token;
    }

    /** The API as customer {@code user} sees it. */
    Api as(String user) {
        return withToken(issuer.token(user, List.of("orderflow/orders"), Duration.ofHours(1)));
    }

    /** The API called with {@code bearer} (null: no Authorization header). */
    Api withToken(String bearer) {
        return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), issuer, bearer);
    }

    /** A response: status, one header, and the parsed envelope. */
    record Reply(int status, HttpResponse<String> raw, JsonNode body) {

        JsonNode data() {
            return body.get("data");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Reply post(String path, String json, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Places an order as customer {@code userId}: the order is theirs because their token says so. */
    String placeOrder(String userId, String productId, int quantity) {
        Reply reply = as(userId)
                .post(
                        "/oms/orders",
                        "{\"orderItems\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}");
        if (reply.status() != 201) {
            throw new AssertionError("order not accepted: " + reply.status() + " " + reply.body());
        }
        return reply.data().get("orderId").stringValue();
    }

    private Reply send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
