/**
 * The local system and its wiring: {@code LocalRunner} (the command line), {@code LocalSystem} (the platform's parts
 * started in order and stopped in reverse; or one service alone), {@code ServiceHost} (one process of one service),
 * {@code LocalSettings} (every option, declared once), {@code PlatformAuth} (the gateway's authorizer as the options
 * ask), {@code PlatformKafka} (who is who on Kafka: the broker's TLS identities and ACLs), {@code TokenCommand},
 * {@code PortCheck} and {@code StartedParts}. The parts live in the packages below: what is read from the SAM
 * templates ({@code template}: the functions, their environment, the Kafka rights), the API Gateway stand-in
 * ({@code gateway}), its authorizer and issuer ({@code auth}), Lambda's environments and Invoke API
 * ({@code lambda}), the event sources ({@code triggers}), the processes ({@code supervision}), the HTTP server they
 * share ({@code http}) and the operators' commands ({@code cli}). Everything listens on 127.0.0.1 unless told
 * otherwise.
 */
package dev.orderflow.local.runner;
