package dev.orderflow.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as API Gateway's JWT authorizer verified it: the token's {@code sub} and its scopes; a token whose
 * {@code token_use} claim (Cognito's) says it is not an access token names nobody. The functions
 * trust only what the authorizer put into {@code requestContext.authorizer.jwt}, never a user named in a body,
 * a query or a header.
 *
 * <p>Scopes are read from both places API Gateway may give them: {@code jwt.scopes} (set only when the route
 * requires scopes) and the token's {@code scope} or {@code scp} claim, which API Gateway hands over as text,
 * space-separated or, for a JSON array claim, as {@code [a b]}.
 */
public record Caller(String subject, Set<String> scopes) {

    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a caller needs a subject");
        }
        scopes = Set.copyOf(scopes);
    }

    /** Whether the caller holds at least one of {@code anyOf}. */
    public boolean hasAnyScope(String... anyOf) {
        return Arrays.stream(anyOf).anyMatch(scopes::contains);
    }

    /** The verified caller of {@code event}; empty when no authorizer verified a token with a subject. */
    public static Optional<Caller> of(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null
                || context.getAuthorizer() == null
                || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        var jwt = context.getAuthorizer().getJwt();
        Map<String, String> claims = jwt.getClaims() == null ? Map.of() : jwt.getClaims();
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        // Cognito's ID tokens pass an authorizer whose audience is the app client too: only an access token names a
        // caller
        String tokenUse = claims.get("token_use");
        if (tokenUse != null && !tokenUse.equals("access")) {
            return Optional.empty();
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (jwt.getScopes() != null) {
            scopes.addAll(jwt.getScopes());
        }
        scopes.addAll(scopesOf(claims.get("scope")));
        scopes.addAll(scopesOf(claims.get("scp")));
        return Optional.of(new Caller(subject, scopes));
    }

    /** {@code "a b"} or {@code "[a b]"} as API Gateway renders a scope claim; nothing for null. */
    static List<String> scopesOf(String claim) {
        if (claim == null) {
            return List.of();
        }
        String text = claim.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
