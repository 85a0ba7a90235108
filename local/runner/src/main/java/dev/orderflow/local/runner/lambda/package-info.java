/**
 * Lambda, locally: a service process's execution environments ({@code FunctionPool}: the deployed handler, one
 * invocation at a time per environment, up to the concurrency), Lambda's Invoke API in front of them
 * ({@code InvokeApi}), and the platform's side of it ({@code RemoteFunctions}: a live replica of the function's
 * service, found through {@code ServiceEndpoints}). {@code Functions} is what every caller - gateway, trigger,
 * schedule - invokes.
 */
package dev.orderflow.local.runner.lambda;
