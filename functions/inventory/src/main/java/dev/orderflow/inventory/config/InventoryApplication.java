package dev.orderflow.inventory.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The Spring Boot application behind every Inventory Lambda (and the local Stream binding). No component scanning. */
@SpringBootConfiguration(proxyBeanMethods = false)
// Cold starts: the one auto-configuration a Lambda needs (Spring Cloud Function's catalog), named rather than
// discovered among hundreds of candidates; and lazy beans, so a Lambda builds only what its function uses (the
// createOrder Lambda never creates a Kafka producer). The local runner adds what its Stream bindings need.
@ImportAutoConfiguration(ContextFunctionCatalogAutoConfiguration.class)
@Import(InventoryConfiguration.class)
public class InventoryApplication {

    @Bean
    static LazyInitializationBeanFactoryPostProcessor lazyBeans() {
        return new LazyInitializationBeanFactoryPostProcessor();
    }

    public static void main(String[] args) {
        SpringApplication.run(InventoryApplication.class, args);
    }
}
