/**
 * Tokens, as API Gateway's JWT authorizer checks them ({@code JwtAuthorizer}: signature by the issuer's keys, RS256/384/512
 * only, issuer, audience, times, scopes) and as the runner issues them for development ({@code DevelopmentIssuer}: a
 * key made once in the data folder, which {@code local-runner token} signs with).
 */
package dev.orderflow.local.runner.auth;
