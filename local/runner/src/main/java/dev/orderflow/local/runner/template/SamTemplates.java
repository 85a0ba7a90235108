package dev.orderflow.local.runner.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The SAM templates of the system as CloudFormation deploys them: the root ({@code infra/template.yaml}) and the
 * stacks it nests ({@code AWS::Serverless::Application} with a local {@code Location}: the platform and one stack per
 * service). A parameter reads as CloudFormation would fill it on a first deploy with the defaults: its default, and
 * for an {@code AWS::SSM::Parameter::Value} parameter the value of the SSM parameter of that name that a template of
 * the system writes (the platform's topic names, for instance). Intrinsic functions are not evaluated: {@code !Ref X}
 * reads as {@code X}.
 */
public final class SamTemplates {

    /** One template: where it is (as the root names it) and its content. */
    public record Template(String location, JsonNode root) {

        /** The resources of {@code type}, by logical id, in the template's order. */
        public Map<String, JsonNode> resources(String type) {
            Map<String, JsonNode> found = new LinkedHashMap<>();
            root.path("Resources").properties().forEach(resource -> {
                if (type.equals(resource.getValue().path("Type").asString())) {
                    found.put(resource.getKey(), resource.getValue());
                }
            });
            return found;
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    private final List<Template> templates;
    private final Map<String, String> parameterStore = new LinkedHashMap<>();

    private SamTemplates(List<Template> templates) {
        this.templates = List.copyOf(templates);
        for (Template template : templates) {
            template.resources("AWS::SSM::Parameter")
                    .values()
                    .forEach(parameter -> parameterStore.put(
                            substitute(
                                    template,
                                    parameter.path("Properties").path("Name").asString("")),
                            resolve(
                                    template,
                                    parameter.path("Properties").path("Value").asString(""))));
        }
    }

    /** The system's templates as the runner's class path holds them ({@code infra/template.yaml} and what it nests). */
    public static SamTemplates fromClasspath(String rootLocation) {
        return read(rootLocation, location -> {
            InputStream stream = SamTemplates.class.getClassLoader().getResourceAsStream(location);
            if (stream == null) {
                throw new IllegalStateException(location + " is not on the classpath; build the runner with Maven");
            }
            return stream;
        });
    }

    /** The system's templates in a folder, e.g. the repository's {@code infra/template.yaml}. */
    public static SamTemplates fromFile(Path rootTemplate) {
        return read(rootTemplate.toString(), location -> {
            try {
                return Files.newInputStream(Path.of(location));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the SAM template " + location, e);
            }
        });
    }

    /** One template on its own, nesting nothing. */
    public static SamTemplates of(String yaml) {
        return new SamTemplates(List.of(new Template("template.yaml", YAML.readTree(yaml))));
    }

    private static SamTemplates read(String rootLocation, Function<String, InputStream> open) {
        List<Template> templates = new ArrayList<>();
        collect(rootLocation, open, templates);
        return new SamTemplates(templates);
    }

    private static void collect(String location, Function<String, InputStream> open, List<Template> into) {
        JsonNode root;
        try (InputStream stream = open.apply(location)) {
            root = YAML.readTree(stream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SAM template " + location, e);
        }
        Template template = new Template(location, root);
        into.add(template);
        String folder = location.contains("/") ? location.substring(0, location.lastIndexOf('/') + 1) : "";
        for (JsonNode nested :
                template.resources("AWS::Serverless::Application").values()) {
            JsonNode nestedLocation = nested.path("Properties").path("Location");
            if (nestedLocation.isString()) {
                collect(folder + nestedLocation.asString(), open, into);
            }
        }
    }

    /** Every template, the root first. */
    public List<Template> all() {
        return templates;
    }

    /**
     * What {@code !Ref parameter} gives in {@code template} with the defaults: the default, or for an SSM-typed
     * parameter the value the system's templates write under that name. Not a parameter: the name itself.
     */
    public String parameterValue(Template template, String parameter) {
        JsonNode declared = template.root().path("Parameters").path(parameter);
        if (declared.isMissingNode()) {
            return parameter;
        }
        String value = declared.path("Default").asString("");
        if (declared.path("Type").asString("").startsWith("AWS::SSM::Parameter::Value")) {
            String stored = parameterStore.get(value);
            if (stored == null) {
                throw new IllegalStateException(template.location() + ": " + parameter + " reads the SSM parameter "
                        + value + ", which no template of the system writes");
            }
            return stored;
        }
        return value;
    }

    private String resolve(Template template, String value) {
        return template.root().path("Parameters").has(value) ? parameterValue(template, value) : value;
    }

    private String substitute(Template template, String text) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(out, Matcher.quoteReplacement(resolve(template, variable.group(1))));
        }
        return variable.appendTail(out).toString();
    }
}
