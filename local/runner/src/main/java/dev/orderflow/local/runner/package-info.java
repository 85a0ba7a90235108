/**
 * The local system and its wiring: {@code LocalRunner} (the command line), {@code LocalSystem} (the platform's parts
 * started in order and stopped in reverse; or one service alone), {@code ServiceHost} (one process of one service),
 * {@code LocalSettings} (every option, declared once) and what both read from the SAM template
 * ({@code TemplateFunctions}, {@code FunctionEnvironment}). The parts live in the packages below: the API Gateway
 * stand-in ({@code gateway}), its authorizer and issuer ({@code auth}), Lambda's environments and Invoke API
 * ({@code lambda}), the event sources ({@code triggers}), the processes ({@code supervision}) and the operators'
 * commands ({@code cli}). Everything listens on 127.0.0.1 unless told otherwise.
 */
package dev.orderflow.local.runner;
