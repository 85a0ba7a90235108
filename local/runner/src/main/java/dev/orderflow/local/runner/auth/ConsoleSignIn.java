package dev.orderflow.local.runner.auth;

import dev.orderflow.local.runner.http.HttpReply;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The development issuer's sign-in for the back-office console: OAuth 2.0 authorization code with PKCE (RFC 6749,
 * RFC 7636, S256 only), the flow Cognito's managed login runs on AWS. {@code GET /oauth2/authorize} shows a small
 * page to pick a user and a role; its form posts back and the browser is sent to the console with a code, single-use
 * and valid for {@link #CODE_TTL}, bound to the client, the redirect URI and the challenge; {@code POST /oauth2/token}
 * trades it, with the verifier, for an access token. Only the console's client and its own address on this runner
 * are registered, so the page never sends a browser, or a code, anywhere else. A customer's sign-in is refused for
 * the console's client, as the pre-authentication trigger refuses it on AWS.
 */
public final class ConsoleSignIn {

    public static final String AUTHORIZE_PATH = "/oauth2/authorize";
    public static final String TOKEN_PATH = "/oauth2/token";
    public static final String CLIENT_ID = "orderflow-console";
    static final Duration CODE_TTL = Duration.ofSeconds(60);
    static final Duration TOKEN_TTL = Duration.ofHours(1);
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43,128}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /** What a person may sign in as, and the scopes each role carries. */
    public enum Role {
        BACK_OFFICE("Back office (support): orders", List.of("orderflow/orders:admin")),
        WAREHOUSE("Warehouse: stock", List.of("orderflow/inventory:write")),
        BACK_OFFICE_AND_WAREHOUSE(
                "Back office and warehouse", List.of("orderflow/orders:admin", "orderflow/inventory:write")),
        CUSTOMER("Customer (refused: the console is for staff)", List.of("orderflow/orders"));

        final String label;
        final List<String> scopes;

        Role(String label, List<String> scopes) {
            this.label = label;
            this.scopes = scopes;
        }

        boolean staff() {
            return this != CUSTOMER;
        }
    }

    private record Grant(String subject, Role role, String redirectUri, String challenge, Instant expires) {}

    private final DevelopmentIssuer issuer;
    private final int port;
    private final Clock clock;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public ConsoleSignIn(DevelopmentIssuer issuer, int port, Clock clock) {
        this.issuer = issuer;
        this.port = port;
        this.clock = clock;
    }

    public static boolean handles(String path) {
        return path.equals(AUTHORIZE_PATH) || path.equals(TOKEN_PATH);
    }

    /** @param query the raw query string (null when none); @param body the request body */
    public HttpReply handle(String method, String path, String query, byte[] body) {
        try {
            return answer(method, path, query, body);
        } catch (IllegalArgumentException malformed) {
            // a percent sign without two hex digits after it
            return html(400, "Sign-in refused", "<p role=\"alert\">The request is not a well-formed form.</p>");
        }
    }

    private HttpReply answer(String method, String path, String query, byte[] body) {
        if (path.equals(AUTHORIZE_PATH) && method.equals("GET")) {
            return authorizePage(form(query));
        }
        if (path.equals(AUTHORIZE_PATH) && method.equals("POST")) {
            return signIn(form(new String(body, StandardCharsets.UTF_8)));
        }
        if (path.equals(TOKEN_PATH) && method.equals("POST")) {
            return token(form(new String(body, StandardCharsets.UTF_8)));
        }
        return new HttpReply(405, Map.of("Allow", path.equals(TOKEN_PATH) ? "POST" : "GET, POST"), new byte[0]);
    }

    private HttpReply authorizePage(Map<String, String> request) {
        String problem = problem(request);
        if (problem != null) {
            return html(400, "Sign-in refused", "<p role=\"alert\">" + escape(problem) + "</p>");
        }
        StringBuilder roles = new StringBuilder();
        for (Role role : Role.values()) {
            String id = "role-" + role.name().toLowerCase().replace('_', '-');
            roles.append("<div><input type=\"radio\" name=\"role\" id=\"")
                    .append(id)
                    .append("\" value=\"")
                    .append(role.name())
                    .append('"')
                    .append(role == Role.BACK_OFFICE_AND_WAREHOUSE ? " checked" : "")
                    .append("> <label for=\"")
                    .append(id)
                    .append("\">")
                    .append(escape(role.label))
                    .append("</label></div>");
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method")) {
            hidden.append("<input type=\"hidden\" name=\"")
                    .append(name)
                    .append("\" value=\"")
                    .append(escape(request.getOrDefault(name, "")))
                    .append("\">");
        }
        return html(
                200,
                "Sign in - orderflow (development)",
                "<h1>Sign in to the orderflow back office</h1>"
                        + "<p>The local runner's development issuer: pick who you are. Nothing is checked but the role;"
                        + " on AWS this is the user pool's managed login.</p>"
                        + "<form method=\"post\" action=\"" + AUTHORIZE_PATH + "\">" + hidden
                        + "<p><label for=\"username\">User name</label><br>"
                        + "<input id=\"username\" name=\"username\" value=\"support\" required pattern=\"[A-Za-z0-9._@\\-]{1,64}\""
                        + " autocomplete=\"username\"></p>"
                        + "<fieldset><legend>Role</legend>" + roles + "</fieldset>"
                        + "<p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form>");
    }

    private HttpReply signIn(Map<String, String> request) {
        String problem = problem(request);
        if (problem != null) {
            return html(400, "Sign-in refused", "<p role=\"alert\">" + escape(problem) + "</p>");
        }
        String redirect = request.get("redirect_uri");
        Map<String, String> answer = new LinkedHashMap<>();
        Optional<Role> role = role(request.get("role"));
        String user = request.getOrDefault("username", "");
        if (role.isEmpty() || !USER.matcher(user).matches()) {
            return html(
                    400,
                    "Sign-in refused",
                    "<p role=\"alert\">A user name (letters, digits, . _ @ -) and a role are needed.</p>");
        }
        if (!role.get().staff()) {
            answer.put("error", "access_denied");
            answer.put(
                    "error_description", "the back-office console is for the shop's staff; " + user + " is a customer");
        } else {
            forgetExpiredCodes();
            String code = randomCode();
            codes.put(
                    code,
                    new Grant(
                            user,
                            role.get(),
                            redirect,
                            request.get("code_challenge"),
                            clock.instant().plus(CODE_TTL)));
            answer.put("code", code);
        }
        if (request.containsKey("state")) {
            answer.put("state", request.get("state"));
        }
        return new HttpReply(
                302, Map.of("Location", redirect + "?" + encode(answer), "Cache-Control", "no-store"), new byte[0]);
    }

    private HttpReply token(Map<String, String> request) {
        forgetExpiredCodes();
        if (!"authorization_code".equals(request.get("grant_type"))) {
            return tokenError("unsupported_grant_type", "only authorization_code is supported");
        }
        if (!CLIENT_ID.equals(request.get("client_id"))) {
            return tokenError("invalid_client", "unknown client_id");
        }
        Grant grant = request.get("code") == null ? null : codes.remove(request.get("code"));
        if (grant == null || grant.expires().isBefore(clock.instant())) {
            return tokenError("invalid_grant", "the code is unknown, used or expired");
        }
        if (!grant.redirectUri().equals(request.get("redirect_uri"))) {
            return tokenError("invalid_grant", "redirect_uri differs from the one the code was issued for");
        }
        String verifier = request.getOrDefault("code_verifier", "");
        if (!CHALLENGE.matcher(verifier).matches() || !grant.challenge().equals(challengeOf(verifier))) {
            return tokenError("invalid_grant", "code_verifier does not match the code_challenge");
        }
        String token = issuer.token(grant.subject(), grant.role().scopes, TOKEN_TTL, CLIENT_ID);
        String json = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + TOKEN_TTL.toSeconds() + ",\"scope\":\"" + String.join(" ", grant.role().scopes) + "\"}";
        return new HttpReply(
                200,
                Map.of("Content-Type", "application/json", "Cache-Control", "no-store", "Pragma", "no-cache"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** Codes never traded die with their minute, so sign-ins without a token exchange cannot pile up. */
    private void forgetExpiredCodes() {
        codes.values().removeIf(grant -> grant.expires().isBefore(clock.instant()));
    }

    /** What is wrong with an authorization request; null when nothing is. Never redirects to an unregistered URI. */
    private String problem(Map<String, String> request) {
        if (!CLIENT_ID.equals(request.get("client_id"))) {
            return "unknown client_id: only the back-office console (" + CLIENT_ID + ") signs in here";
        }
        if (!registered(request.get("redirect_uri"))) {
            return "redirect_uri is not the console's address on this runner";
        }
        if (request.containsKey("response_type") && !"code".equals(request.get("response_type"))) {
            return "response_type must be code";
        }
        if (!"S256".equals(request.get("code_challenge_method"))
                || !CHALLENGE
                        .matcher(request.getOrDefault("code_challenge", ""))
                        .matches()) {
            return "a PKCE code_challenge with code_challenge_method S256 is required";
        }
        return null;
    }

    private boolean registered(String redirectUri) {
        return redirectUri != null
                && (redirectUri.equals("http://127.0.0.1:" + port + "/")
                        || redirectUri.equals("http://localhost:" + port + "/"));
    }

    private static Optional<Role> role(String name) {
        try {
            return Optional.of(Role.valueOf(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String randomCode() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HttpReply tokenError(String error, String description) {
        String json = "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
        return new HttpReply(
                400,
                Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpReply html(int status, String title, String content) {
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><link rel=\"stylesheet\" href=\"/console.css\"></head>"
                + "<body><main class=\"sign-in\">" + content + "</main></body></html>";
        return new HttpReply(
                status,
                Map.of(
                        "Content-Type", "text/html; charset=utf-8",
                        "Cache-Control", "no-store",
                        "Content-Security-Policy", "default-src 'self'; form-action 'self'; frame-ancestors 'none'",
                        "X-Frame-Options", "DENY"),
                page.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String encode(Map<String, String> values) {
        StringBuilder query = new StringBuilder();
        values.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
