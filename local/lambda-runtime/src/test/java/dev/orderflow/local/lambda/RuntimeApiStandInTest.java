package dev.orderflow.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API stand-in, driven the way a runtime client drives the Lambda Runtime API. */
class RuntimeApiStandInTest {

    private final RuntimeApiStandIn runtimeApi = RuntimeApiStandIn.start("TestFunction");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        runtimeApi.close();
    }

    @Test
    void anEventGoesOutWithItsRequestHeadersAndTheResponseComesBackToTheCaller() throws Exception {
        var answer = runtimeApi.submit("{\"n\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        HttpResponse<String> next = get("invocation/next");
        String requestId =
                next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        HttpResponse<String> posted = post("invocation/" + requestId + "/response", "{\"ok\":true}");

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"n\":1}");
        assertThat(next.headers()
                        .firstValue("Lambda-Runtime-Invoked-Function-Arn")
                        .orElseThrow())
                .endsWith(":function:TestFunction");
        assertThat(Long.parseLong(
                        next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()))
                .isGreaterThan(System.currentTimeMillis());
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).isPresent();
        assertThat(posted.statusCode()).isEqualTo(202);
        RuntimeApiStandIn.Result result = answer.get();
        assertThat(result.success()).isTrue();
        assertThat(result.body()).isEqualTo("{\"ok\":true}");
        assertThat(runtimeApi.firstPollNanos()).isPositive();
    }

    @Test
    void aFunctionErrorIsReportedWithItsType() throws Exception {
        var answer = runtimeApi.submit("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        String requestId = get("invocation/next")
                .headers()
                .firstValue("Lambda-Runtime-Aws-Request-Id")
                .orElseThrow();

        http.send(
                HttpRequest.newBuilder(uri("invocation/" + requestId + "/error"))
                        .header("Lambda-Runtime-Function-Error-Type", "java.lang.IllegalStateException")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"boom\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        RuntimeApiStandIn.Result result = answer.get();
        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(result.body()).contains("boom");
    }

    @Test
    void anInitErrorFailsTheWaitingInvocationAtOnceWithTheRuntimesReport() throws Exception {
        post("init/error", "{\"errorMessage\":\"Class not found: Nope\"}");

        assertThatThrownBy(() -> runtimeApi.invoke("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)))
                .hasMessageContaining("Class not found: Nope");
    }

    @Test
    void restoreNextMarksTheSnapshotPoint() throws Exception {
        assertThat(runtimeApi.snapshotTaken()).isNotDone();

        HttpResponse<String> restore = get("restore/next");

        assertThat(restore.statusCode()).isEqualTo(200);
        assertThat(runtimeApi.snapshotTaken()).isDone();
    }

    @Test
    void anAnswerForAnUnknownRequestIsRefused() throws Exception {
        assertThat(post("invocation/not-a-request/response", "{}").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + runtimeApi.address() + "/2018-06-01/runtime/" + path);
    }
}
