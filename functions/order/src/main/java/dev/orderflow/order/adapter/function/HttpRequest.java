package dev.orderflow.order.adapter.function;

import java.util.Map;

/**
 * What a handler needs from an API Gateway request. Header names are lower case.
 *
 * @param body the decoded body, or null when there is none
 */
record HttpRequest(String method, String path, Map<String, String> pathParameters, Map<String, String> query,
        Map<String, String> headers, String body) {

    String pathParameter(String name) {
        return pathParameters.get(name);
    }

    String queryParameter(String name) {
        return query.get(name);
    }

    String header(String name) {
        return headers.get(name);
    }
}
