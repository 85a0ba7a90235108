package dev.orderflow.order.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application behind every Order Management Lambda; {@code SPRING_CLOUD_FUNCTION_DEFINITION}
 * picks the function one Lambda serves. No component scanning: {@link OrderConfiguration} wires everything.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(OrderConfiguration.class)
public class OrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }
}
