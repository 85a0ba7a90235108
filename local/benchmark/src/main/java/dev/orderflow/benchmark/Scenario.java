package dev.orderflow.benchmark;

import java.util.Random;

/**
 * One load: a name, an arrival rate, how long, and what each order looks like.
 *
 * @param products  how many products the orders draw from (1 = every order contends for one product)
 * @param lines     lines per order
 */
record Scenario(String name, double ratePerSecond, int seconds, int products, int lines) {

    String orderBody(Random random) {
        StringBuilder body = new StringBuilder("{\"userId\":\"bench-")
                .append(random.nextInt(1000))
                .append("\",\"orderItems\":[");
        int first = random.nextInt(products);
        for (int i = 0; i < lines; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"productId\":\"bench-")
                    .append((first + i) % Math.max(products, lines))
                    .append("\",\"quantity\":1}");
        }
        return body.append("]}").toString();
    }
}
