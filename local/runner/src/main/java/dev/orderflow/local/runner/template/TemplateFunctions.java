package dev.orderflow.local.runner.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The functions the SAM templates of the system deploy (both services' stacks), as the local system needs them: each function bean
 * ({@code SPRING_CLOUD_FUNCTION_DEFINITION}), its service (the last folder of its {@code CodeUri}:
 * {@code ../functions/order} is {@code order}), its Spring application ({@code MAIN_CLASS}), and its triggers - MSK
 * (topic, consumer group, batch size) and DynamoDB Streams (table, event-name filter, batch size). Names the templates
 * declare are read here, not typed again: a topic is what its parameter reads on a first deploy (the platform's SSM
 * parameter, {@link SamTemplates#parameterValue}), a table the local name of the environment variable its template's
 * {@code Globals} set to it.
 */
public final class TemplateFunctions {

    /** A deployed function. */
    record Function(String name, String service, String mainClass) {}

    /** An MSK trigger: {@code topic} triggers {@code function} in batches of up to {@code batchSize}, as {@code group}. */
    public record KafkaSource(String function, String topic, String group, int batchSize) {}

    /**
     * A DynamoDB Streams trigger.
     *
     * @param tableVariable the environment variable that names the table ({@code ORDER_OUTBOX_TABLE})
     * @param eventNames    the records the function wants (the template's filter), e.g. INSERT
     * @param batchingWindow how long records are gathered before the function is invoked, unless the batch is full
     *                       first (the template's {@code MaximumBatchingWindowInSeconds}; zero: what one poll read)
     */
    public record StreamSource(
            String function, String tableVariable, Set<String> eventNames, int batchSize, Duration batchingWindow) {}

    /** A schedule: EventBridge invokes {@code function} every {@code rate} (the template's {@code rate(...)}). */
    public record ScheduleSource(String function, Duration rate) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Function> functions;
    private final List<KafkaSource> kafkaSources;
    private final List<StreamSource> streamSources;
    private final List<ScheduleSource> schedules;

    private TemplateFunctions(
            Map<String, Function> functions,
            List<KafkaSource> kafkaSources,
            List<StreamSource> streamSources,
            List<ScheduleSource> schedules) {
        this.functions = functions;
        this.kafkaSources = kafkaSources;
        this.streamSources = streamSources;
        this.schedules = schedules;
    }

    public static TemplateFunctions read(SamTemplates templates) {
        Map<String, Function> functions = new LinkedHashMap<>();
        List<KafkaSource> kafka = new ArrayList<>();
        List<StreamSource> streams = new ArrayList<>();
        List<ScheduleSource> schedules = new ArrayList<>();
        for (SamTemplates.Template template : templates.all()) {
            Map<String, String> variableOfResource = new LinkedHashMap<>();
            template.root()
                    .path("Globals")
                    .path("Function")
                    .path("Environment")
                    .path("Variables")
                    .properties()
                    .forEach(variable ->
                            variableOfResource.put(variable.getValue().asString(""), variable.getKey()));
            for (JsonNode resource :
                    template.resources("AWS::Serverless::Function").values()) {
                JsonNode properties = resource.path("Properties");
                JsonNode variables = properties.path("Environment").path("Variables");
                String name = variables.path("SPRING_CLOUD_FUNCTION_DEFINITION").asString(null);
                String mainClass = variables.path("MAIN_CLASS").asString(null);
                String codeUri = properties.path("CodeUri").asString("");
                if (name == null || mainClass == null) {
                    continue;
                }
                if (functions.put(name, new Function(name, service(codeUri), mainClass)) != null) {
                    throw new IllegalStateException("two templates deploy the function " + name);
                }
                for (JsonNode event : properties.path("Events")) {
                    JsonNode source = event.path("Properties");
                    switch (event.path("Type").asString("")) {
                        case "MSK" ->
                            kafka.add(new KafkaSource(
                                    name,
                                    templates.parameterValue(
                                            template,
                                            source.path("Topics").path(0).asString()),
                                    source.path("ConsumerGroupId").asString(),
                                    source.path("BatchSize").asInt(100)));
                        case "DynamoDB" -> {
                            String table = source.path("Stream").asString().replace(".StreamArn", "");
                            String variable = variableOfResource.get(table);
                            if (variable == null) {
                                throw new IllegalStateException(template.location()
                                        + ": its Globals name no environment variable for " + table);
                            }
                            streams.add(new StreamSource(
                                    name,
                                    variable,
                                    eventNames(source),
                                    source.path("BatchSize").asInt(100),
                                    Duration.ofSeconds(source.path("MaximumBatchingWindowInSeconds")
                                            .asInt(0))));
                        }
                        case "Schedule" ->
                            schedules.add(new ScheduleSource(
                                    name, rate(source.path("Schedule").asString(""))));
                        default -> {}
                    }
                }
            }
        }
        return new TemplateFunctions(
                Map.copyOf(functions), List.copyOf(kafka), List.copyOf(streams), List.copyOf(schedules));
    }

    /** A function's service: the last folder of its {@code CodeUri} ({@code ../functions/order} is {@code order}). */
    static String service(String codeUri) {
        return codeUri.substring(codeUri.lastIndexOf('/') + 1);
    }

    /** The services the template deploys functions of, in the template's order. */
    public List<String> services() {
        return List.copyOf(new LinkedHashSet<>(
                functions.values().stream().map(Function::service).toList()));
    }

    /** The function beans of a service, with their Spring applications. */
    public Map<String, String> mainClasses(String service) {
        Map<String, String> mainClasses = new LinkedHashMap<>();
        functions.values().stream()
                .filter(f -> f.service().equals(service))
                .forEach(f -> mainClasses.put(f.name(), f.mainClass()));
        return mainClasses;
    }

    /** The service of every function. */
    public Map<String, String> serviceOf() {
        Map<String, String> services = new LinkedHashMap<>();
        functions.values().forEach(f -> services.put(f.name(), f.service()));
        return services;
    }

    /** The MSK triggers of a service's functions. */
    public List<KafkaSource> kafkaSources(String service) {
        return kafkaSources.stream()
                .filter(source -> functions.get(source.function()).service().equals(service))
                .toList();
    }

    public List<StreamSource> streamSources() {
        return streamSources;
    }

    /** The functions EventBridge runs on a schedule, at the templates' rates. */
    public List<ScheduleSource> schedules() {
        return schedules;
    }

    /** {@code rate(1 minute)}, {@code rate(5 minutes)}, {@code rate(2 hours)}, {@code rate(1 day)}: the rates EventBridge takes. */
    static Duration rate(String expression) {
        Matcher rate = Pattern.compile("rate\\((\\d+) (minute|hour|day)s?\\)").matcher(expression.strip());
        if (!rate.matches()) {
            throw new IllegalStateException("the local runner runs rate(...) schedules only, not '" + expression + "'");
        }
        long value = Long.parseLong(rate.group(1));
        return switch (rate.group(2)) {
            case "minute" -> Duration.ofMinutes(value);
            case "hour" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }

    /** The event names of the template's filter {@code {"eventName": ["INSERT", ...]}}; every event without one. */
    private static Set<String> eventNames(JsonNode source) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode filter : source.path("FilterCriteria").path("Filters")) {
            JSON.readTree(filter.path("Pattern").asString("{}"))
                    .path("eventName")
                    .forEach(name -> names.add(name.asString()));
        }
        return names.isEmpty() ? Set.of("INSERT", "MODIFY", "REMOVE") : Set.copyOf(names);
    }
}
