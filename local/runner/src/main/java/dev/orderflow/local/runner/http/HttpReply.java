package dev.orderflow.local.runner.http;

import java.util.Map;

/** An HTTP answer the runner makes itself (not a function's): status, headers and body. */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {}
