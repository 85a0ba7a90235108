/**
 * The local stand-in for API Gateway's HTTP API: the template's routes ({@code HttpRoutes}), the payload 2.0 event
 * ({@code HttpApiEvent}), the JWT authorizer in front of guarded routes ({@code GatewayAuthorization}), and the server
 * that turns a request into an invocation of the route's function and its answer back into HTTP
 * ({@code ApiGatewayStandIn}), with API Gateway's own 401, 403, 404, 413, 429, 500 and 503 bodies.
 */
package dev.orderflow.local.runner.gateway;
