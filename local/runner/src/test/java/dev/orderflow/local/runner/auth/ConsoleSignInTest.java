package dev.orderflow.local.runner.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.orderflow.local.runner.http.HttpReply;
import dev.orderflow.testing.TestClock;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development issuer's sign-in for the console, as an attacker would try it: only the console's client and its
 * own address get a code, the code is worth one token, only with the verifier of its challenge, within its minute;
 * a customer gets no code; what a request carries is escaped on the page.
 */
class ConsoleSignInTest {

    private static final String CONSOLE = "http://127.0.0.1:8080/";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final DevelopmentIssuer issuer = DevelopmentIssuer.of("http://127.0.0.1:8080", null);
    private final ConsoleSignIn signIn = new ConsoleSignIn(issuer, 8080, clock);

    @Test
    void theConsolesSignInEndsWithATokenForThePersonAndTheRoleTheyPicked() throws Exception {
        String code = codeFor("ana", "BACK_OFFICE_AND_WAREHOUSE");

        HttpReply reply = token(code, VERIFIER, CONSOLE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("Cache-Control", "no-store");
        var claims =
                SignedJWT.parse(json(reply).get("access_token").stringValue()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("ana");
        assertThat(claims.getStringClaim("scope")).isEqualTo("orderflow/orders:admin orderflow/inventory:write");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(ConsoleSignIn.CLIENT_ID);
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void aCodeIsWorthOneTokenOnlyWithItsVerifierAndItsRedirectWithinAMinute() {
        String used = codeFor("ana", "BACK_OFFICE");
        assertThat(token(used, VERIFIER, CONSOLE).status()).isEqualTo(200);
        assertThat(error(token(used, VERIFIER, CONSOLE))).isEqualTo("invalid_grant");

        String guessed = codeFor("ana", "BACK_OFFICE");
        assertThat(error(token(guessed, "A".repeat(43), CONSOLE))).isEqualTo("invalid_grant");
        assertThat(error(token(guessed, VERIFIER, CONSOLE)))
                .as("a wrong verifier spends the code")
                .isEqualTo("invalid_grant");

        String elsewhere = codeFor("ana", "BACK_OFFICE");
        assertThat(error(token(elsewhere, VERIFIER, "http://localhost:8080/"))).isEqualTo("invalid_grant");

        String late = codeFor("ana", "BACK_OFFICE");
        clock.advance(ConsoleSignIn.CODE_TTL.plusSeconds(1));
        assertThat(error(token(late, VERIFIER, CONSOLE))).isEqualTo("invalid_grant");
    }

    @Test
    void aCustomerGetsNoCodeButTheConsoleHearsWhy() {
        HttpReply reply = post("/oauth2/authorize", signInForm("bob", "CUSTOMER", CONSOLE));

        assertThat(reply.status()).isEqualTo(302);
        Map<String, String> answer = query(reply.headers().get("Location"));
        assertThat(answer).doesNotContainKey("code").containsEntry("error", "access_denied");
        assertThat(answer.get("error_description")).contains("for the shop's staff");
        assertThat(answer).containsEntry("state", "state-1");
    }

    @Test
    void noCodeAndNoRedirectForAnotherClientAnotherAddressOrNoChallenge() {
        Map<String, String> otherAddress = signInForm("ana", "BACK_OFFICE", "https://evil.example/");
        Map<String, String> otherClient = signInForm("ana", "BACK_OFFICE", CONSOLE);
        otherClient.put("client_id", "storefront");
        Map<String, String> plainChallenge = signInForm("ana", "BACK_OFFICE", CONSOLE);
        plainChallenge.put("code_challenge_method", "plain");

        for (Map<String, String> form : new Map[] {otherAddress, otherClient, plainChallenge}) {
            HttpReply page = signIn.handle("GET", ConsoleSignIn.AUTHORIZE_PATH, encode(form), new byte[0]);
            HttpReply posted = post("/oauth2/authorize", form);
            assertThat(page.status()).as("%s", form).isEqualTo(400);
            assertThat(posted.status()).as("%s", form).isEqualTo(400);
            assertThat(posted.headers()).doesNotContainKey("Location");
        }
        assertThat(signIn.handle("GET", ConsoleSignIn.AUTHORIZE_PATH, "client_id=%zz", new byte[0])
                        .status())
                .isEqualTo(400);
    }

    @Test
    void whatTheRequestCarriesIsEscapedOnThePage() {
        Map<String, String> form = signInForm("ana", "BACK_OFFICE", CONSOLE);
        form.put("state", "\"><script>alert(1)</script>");

        HttpReply page = signIn.handle("GET", ConsoleSignIn.AUTHORIZE_PATH, encode(form), new byte[0]);

        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(page.status()).isEqualTo(200);
        assertThat(html).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
        assertThat(page.headers()).containsEntry("X-Frame-Options", "DENY");
    }

    private String codeFor(String user, String role) {
        HttpReply reply = post("/oauth2/authorize", signInForm(user, role, CONSOLE));
        assertThat(reply.status()).isEqualTo(302);
        Map<String, String> answer = query(reply.headers().get("Location"));
        assertThat(answer).containsEntry("state", "state-1");
        return answer.get("code");
    }

    private HttpReply token(String code, String verifier, String redirect) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", ConsoleSignIn.CLIENT_ID);
        form.put("code", code);
        form.put("redirect_uri", redirect);
        form.put("code_verifier", verifier);
        return post(ConsoleSignIn.TOKEN_PATH, form);
    }

    private HttpReply post(String path, Map<String, String> form) {
        return signIn.handle("POST", path, null, encode(form).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> signInForm(String user, String role, String redirect) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", ConsoleSignIn.CLIENT_ID);
        form.put("redirect_uri", redirect);
        form.put("state", "state-1");
        form.put("code_challenge", ConsoleSignIn.challengeOf(VERIFIER));
        form.put("code_challenge_method", "S256");
        form.put("username", user);
        form.put("role", role);
        return form;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String location) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    private static JsonNode json(HttpReply reply) {
        return JSON.readTree(reply.body());
    }

    private static String error(HttpReply reply) {
        assertThat(reply.status()).isEqualTo(400);
        return json(reply).get("error").stringValue();
    }
}
