package dev.orderflow.lambda.http;

import java.util.Map;

/**
 * What a handler needs from an API Gateway request. Header names are lower case.
 *
 * @param caller who sent it, as the JWT authorizer verified it (never null: {@link HttpExchange} answers 401 first)
 * @param body   the decoded body, or null when there is none
 */
public record HttpRequest(
        String method,
        String path,
        Caller caller,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        String body) {

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public String queryParameter(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
