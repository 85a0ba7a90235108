package dev.orderflow.order.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application behind every Order Management Lambda; {@code SPRING_CLOUD_FUNCTION_DEFINITION}
 * picks the function one Lambda serves. No component scanning: {@link OrderConfiguration} wires everything.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
// Cold starts: the one auto-configuration a Lambda needs (Spring Cloud Function's catalog), named rather than
// discovered among hundreds of candidates; and lazy beans, so a Lambda builds only what its function uses (the
// createOrder Lambda never creates a Kafka producer). The local runner adds what its Stream bindings need.
@ImportAutoConfiguration(ContextFunctionCatalogAutoConfiguration.class)
@Import(OrderConfiguration.class)
public class OrderApplication {

    @Bean
    static LazyInitializationBeanFactoryPostProcessor lazyBeans() {
        return new LazyInitializationBeanFactoryPostProcessor();
    }

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }
}
