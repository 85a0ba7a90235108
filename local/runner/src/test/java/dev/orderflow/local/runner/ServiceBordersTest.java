package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each service's rights end at its borders. A service's stack grants its functions only what they call: no function
 * of one service names a table, queue or SSM parameter of the other; a Kafka consumer reads only the topic it consumes
 * and never writes it, writes only its service's topics and the dead-letter topic it owns, and reads no dead-letter
 * topic; read functions get the DynamoDB actions they call, not SAM's read policies (which grant Scan).
 */
class ServiceBordersTest {

    /** The topics (by the template parameter that names them) each service may write: what it publishes and the dead letters of what it consumes. */
    private static final Map<String, Set<String>> WRITES = Map.of(
            "order", Set.of("OrderEventsTopic", "InventoryEventsTopic.dlq"),
            "inventory", Set.of("InventoryEventsTopic", "InventoryAlertsTopic", "OrderEventsTopic.dlq"));
    /** The functions whose code lists a whole table, a page at a time. */
    private static final Set<String> SCANS = Set.of("listProducts");

    private static final Pattern TOPIC = Pattern.compile("topic/\\$\\{ClusterName}/\\*/\\$\\{(\\w+)}(\\.dlq)?$");
    private static final Pattern GROUP = Pattern.compile("group/\\$\\{ClusterName}/\\*/([\\w-]+)$");

    @Test
    void noServiceTemplateNamesAResourceOfTheOtherService() {
        TemplateConsistencyTest.SERVICES.forEach((service, template) ->
                TemplateConsistencyTest.SERVICES.forEach((other, theirs) -> {
                    if (!other.equals(service)) {
                        String text = template.root().toString();
                        theirs.root().path("Resources").properties().forEach(resource -> {
                            String type = resource.getValue().path("Type").asString();
                            // a name both stacks use (FailuresQueue) is each stack's own
                            if (template.root().path("Resources").has(resource.getKey())) {
                                return;
                            }
                            if (type.startsWith("AWS::DynamoDB::")
                                    || type.startsWith("AWS::SQS::")
                                    || type.equals("AWS::Serverless::Function")) {
                                assertThat(text)
                                        .as("%s's template names %s's %s", service, other, resource.getKey())
                                        .doesNotContain(
                                                "\"" + resource.getKey() + "\"",
                                                "\"" + resource.getKey() + ".",
                                                "${" + resource.getKey());
                            }
                        });
                    }
                }));
    }

    @Test
    void servicesReadOnlyThePlatformsParameters() {
        TemplateConsistencyTest.SERVICES.forEach((service, template) -> {
            template.root().path("Parameters").properties().forEach(parameter -> {
                if (parameter.getValue().path("Type").asString().startsWith("AWS::SSM::Parameter::Value")) {
                    assertThat(parameter.getValue().path("Default").asString())
                            .as("%s.%s", service, parameter.getKey())
                            .startsWith("/orderflow/prod/platform/");
                }
            });
            assertThat(template.root().toString())
                    .as(service)
                    .doesNotContain("{{resolve:", "Fn::ImportValue", "ImportValue");
        });
    }

    @Test
    void aKafkaConsumerReadsOnlyItsTopicNeverWritesItAndWritesOnlyItsServicesTopicsAndItsOwnDeadLetters() {
        TemplateConsistencyTest.SERVICES.forEach((service, template) -> template.resources("AWS::Serverless::Function")
                .forEach((name, function) -> {
                    JsonNode properties = function.path("Properties");
                    Set<String> consumed = new TreeSet<>();
                    Set<String> groups = new TreeSet<>();
                    properties.path("Events").forEach(event -> {
                        if ("MSK".equals(event.path("Type").asString())) {
                            event.path("Properties").path("Topics").forEach(topic -> consumed.add(topic.asString()));
                            groups.add(event.path("Properties")
                                    .path("ConsumerGroupId")
                                    .asString());
                        }
                    });
                    Map<String, Set<String>> topicRights = new TreeMap<>();
                    Set<String> groupRights = new TreeSet<>();
                    Set<String> groupsDescribed = new TreeSet<>();
                    statements(properties).forEach(statement -> {
                        Set<String> actions = strings(statement.path("Action"));
                        assertThat(actions).as("%s grants no wildcard", name).noneMatch(action -> action.contains("*"));
                        resources(statement.path("Resource")).forEach(resource -> {
                            Matcher topic = TOPIC.matcher(resource);
                            if (topic.find()) {
                                topicRights
                                        .computeIfAbsent(
                                                topic.group(1) + (topic.group(2) == null ? "" : ".dlq"),
                                                t -> new TreeSet<>())
                                        .addAll(actions);
                            }
                            Matcher group = GROUP.matcher(resource);
                            if (group.find()) {
                                (actions.contains("kafka-cluster:AlterGroup") ? groupRights : groupsDescribed)
                                        .add(group.group(1));
                            }
                            assertThat(resource)
                                    .as("%s names no topic or group by wildcard", name)
                                    .doesNotEndWith("/*");
                        });
                    });

                    topicRights.forEach((topic, actions) -> {
                        if (actions.contains("kafka-cluster:ReadData")) {
                            assertThat(consumed)
                                    .as("%s reads %s: only the topic it consumes", name, topic)
                                    .contains(topic);
                        }
                        if (actions.contains("kafka-cluster:WriteData")) {
                            assertThat(consumed)
                                    .as("%s writes %s, which it consumes", name, topic)
                                    .doesNotContain(topic);
                            assertThat(WRITES.get(service))
                                    .as("%s (%s) writes %s", name, service, topic)
                                    .contains(topic);
                        }
                    });
                    consumed.forEach(topic -> assertThat(topicRights.getOrDefault(topic, Set.of()))
                            .as("%s consumes %s", name, topic)
                            .contains("kafka-cluster:ReadData"));
                    assertThat(groupRights)
                            .as("%s joins only its own consumer group", name)
                            .isEqualTo(groups);
                    assertThat(groupsDescribed)
                            .as("%s looks at no group but how far the operator's replay took the dead letters", name)
                            .isSubsetOf(Set.of("dlq-replay"));
                    if (!groupsDescribed.isEmpty()) {
                        assertThat(topicRights.keySet())
                                .as("%s, which reads replay's offsets, sees only its own dead letters", name)
                                .allMatch(topic -> topic.endsWith(".dlq")
                                        && WRITES.get(service).contains(topic));
                    }
                }));
    }

    @Test
    void readFunctionsGetTheDynamoDbActionsTheyCallAndQueriesOnlyTheirIndex() {
        Map<String, Set<String>> granted = new LinkedHashMap<>();
        TemplateConsistencyTest.SERVICES.forEach((service, template) -> template.resources("AWS::Serverless::Function")
                .forEach((name, function) -> {
                    JsonNode properties = function.path("Properties");
                    String definition = properties
                            .path("Environment")
                            .path("Variables")
                            .path("SPRING_CLOUD_FUNCTION_DEFINITION")
                            .asString();
                    properties
                            .path("Policies")
                            .forEach(policy -> assertThat(
                                            policy.has("DynamoDBReadPolicy") || policy.has("DynamoDBCrudPolicy"))
                                    .as("%s uses a SAM DynamoDB policy template (it grants Scan and more)", name)
                                    .isFalse());
                    statements(properties).forEach(statement -> {
                        Set<String> actions = strings(statement.path("Action"));
                        actions.stream()
                                .filter(action -> action.startsWith("dynamodb:"))
                                .forEach(action -> granted.computeIfAbsent(definition, d -> new TreeSet<>())
                                        .add(action));
                        if (actions.contains("dynamodb:Query")) {
                            assertThat(actions)
                                    .as("%s: Query is granted on an index, alone", name)
                                    .containsExactly("dynamodb:Query");
                            resources(statement.path("Resource"))
                                    .forEach(resource ->
                                            assertThat(resource).as(name).contains("/index/"));
                        }
                    });
                }));

        granted.forEach((function, actions) -> {
            assertThat(actions)
                    .as(function)
                    .doesNotContain("dynamodb:*", "dynamodb:DeleteItem", "dynamodb:DeleteTable");
            if (!SCANS.contains(function)) {
                assertThat(actions).as("%s scans no table", function).doesNotContain("dynamodb:Scan");
            }
        });
        assertThat(granted.get("getOrder")).containsExactly("dynamodb:GetItem");
        assertThat(granted.get("listOrders")).containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem");
        assertThat(granted.get("getProduct")).containsExactly("dynamodb:GetItem");
    }

    private static List<JsonNode> statements(JsonNode properties) {
        List<JsonNode> statements = new ArrayList<>();
        properties.path("Policies").forEach(policy -> policy.path("Statement").forEach(statements::add));
        return statements;
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> strings = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(item -> strings.add(item.asString()));
        } else if (!node.isMissingNode()) {
            strings.add(node.asString());
        }
        return strings;
    }

    /** The ARNs a statement names, as written: a !Sub reads as its string (or its list's first item), a !GetAtt as its target. */
    private static Set<String> resources(JsonNode resource) {
        Set<String> resources = new TreeSet<>();
        if (resource.isArray() && !(resource.size() == 2 && resource.get(1).isObject())) {
            resource.forEach(item -> resources.addAll(resources(item)));
        } else if (resource.isArray()) {
            resources.add(resource.get(0).asString());
        } else {
            resources.add(resource.asString());
        }
        return resources;
    }
}
