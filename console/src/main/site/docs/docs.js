// The OpenAPI contract (docs/openapi.yaml, served beside this page) in Swagger UI, from its WebJar. "Authorize" takes
// an access token (locally: `local-runner.jar token ...`); it stays in this page's memory.
window.ui = SwaggerUIBundle({
  url: 'openapi.yaml',
  dom_id: '#swagger',
  deepLinking: true,
  persistAuthorization: false,
  validatorUrl: null,
});
