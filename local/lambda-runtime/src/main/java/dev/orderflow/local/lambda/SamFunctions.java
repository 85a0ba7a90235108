package dev.orderflow.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The functions the SAM templates deploy (a root and the stacks it nests), as Lambda would configure them: handler,
 * code location (relative to the function's own template), and the
 * environment (Globals first, then the function's own variables). Intrinsic functions such as {@code !Ref}
 * are not resolved: their values are the referenced names, which a caller replaces with local ones.
 */
public final class SamFunctions {

    /** One {@code AWS::Serverless::Function}. */
    /** @param memorySize MB, the function's own or the globals' (Lambda's default, 128, when neither says) */
    public record Function(
            String logicalId, String handler, String codeUri, Map<String, String> environment, int memorySize) {

        /** The Spring Cloud Function bean this Lambda serves. */
        public String definition() {
            return environment.get("SPRING_CLOUD_FUNCTION_DEFINITION");
        }

        /** The function's environment with {@code local} values added or replacing the template's. */
        public Map<String, String> environmentWith(Map<String, String> local) {
            Map<String, String> merged = new LinkedHashMap<>(environment);
            merged.putAll(local);
            return merged;
        }
    }

    private final Map<String, Function> byDefinition;
    private final Set<String> names;

    private SamFunctions(Map<String, Function> byDefinition, Set<String> names) {
        this.byDefinition = byDefinition;
        this.names = names;
    }

    /** The functions of {@code template} and of the stacks it nests ({@code AWS::Serverless::Application} with a local Location). */
    public static SamFunctions read(Path template) {
        Map<String, Function> functions = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        collect(template, functions, names);
        return new SamFunctions(Map.copyOf(functions), Set.copyOf(names));
    }

    private static void collect(Path template, Map<String, Function> functions, Set<String> names) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(template.toFile());
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read the SAM template " + template, e));
        }
        JsonNode globals = root.path("Globals").path("Function");
        for (Map.Entry<String, JsonNode> resource : root.path("Resources").properties()) {
            JsonNode properties = resource.getValue().path("Properties");
            String type = resource.getValue().path("Type").asString();
            if ("AWS::Serverless::Application".equals(type)
                    && properties.path("Location").isString()) {
                collect(template.resolveSibling(properties.path("Location").asString()), functions, names);
            }
            if (!"AWS::Serverless::Function".equals(type)) {
                continue;
            }
            Map<String, String> environment = new LinkedHashMap<>();
            globals.path("Environment")
                    .path("Variables")
                    .properties()
                    .forEach(e -> environment.put(e.getKey(), e.getValue().asString()));
            properties
                    .path("Environment")
                    .path("Variables")
                    .properties()
                    .forEach(e -> environment.put(e.getKey(), e.getValue().asString()));
            String handler =
                    properties.path("Handler").asString(globals.path("Handler").asString(null));
            var function = new Function(
                    resource.getKey(),
                    handler,
                    properties.path("CodeUri").asString(globals.path("CodeUri").asString(null)),
                    Map.copyOf(environment),
                    properties
                            .path("MemorySize")
                            .asInt(globals.path("MemorySize").asInt(128)));
            if (function.definition() != null) {
                functions.put(function.definition(), function);
            }
        }
        root.path("Parameters").propertyNames().forEach(names::add);
        root.path("Resources").propertyNames().forEach(names::add);
    }

    /** The Lambda that serves the function bean {@code definition}. */
    public Optional<Function> serving(String definition) {
        return Optional.ofNullable(byDefinition.get(definition));
    }

    /** The template's parameter and resource names: what a {@code !Ref} value reads as before it is resolved. */
    public Set<String> names() {
        return names;
    }

    public Map<String, Function> all() {
        return byDefinition;
    }
}
