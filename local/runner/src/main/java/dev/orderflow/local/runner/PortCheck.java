package dev.orderflow.local.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks, before anything starts, that the ports the runner will listen on are free, so that a taken port costs
 * one clear line naming it and its flag, not half a minute of start-up and a stack trace.
 */
final class PortCheck {

    private PortCheck() {}

    /** A port the runner needs is taken. */
    static final class PortInUse extends IllegalStateException {

        PortInUse(String message) {
            super(message, null);
        }
    }

    static void requireFree(LocalSettings settings) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--http-port", settings.httpPort());
        if (settings.kafkaBootstrap() == null) {
            ports.put("--kafka-port", settings.kafkaPort());
        }
        if (settings.dynamoDbEndpoint() == null) {
            ports.put("--dynamodb-port", settings.dynamoDbPort());
        }
        ports.forEach((flag, port) -> {
            if (port != 0 && !free(flag.equals("--http-port") ? settings.httpHost() : "127.0.0.1", port)) {
                throw new PortInUse(
                        "port " + port + " is in use by another process: stop it, or choose another port with " + flag
                                + "=PORT (" + flag + "=0 picks a free one)");
            }
        });
    }

    private static boolean free(String host, int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
