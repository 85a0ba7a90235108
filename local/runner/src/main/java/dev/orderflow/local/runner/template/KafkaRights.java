package dev.orderflow.local.runner.template;

import dev.orderflow.local.infra.KafkaAcls;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What each service may do on Kafka, read from the IAM policies its functions get on AWS, so the local broker's ACLs
 * and MSK's IAM rights are one rule written once: {@code kafka-cluster:ReadData} on a topic is reading it,
 * {@code WriteData} writing it, {@code AlterGroup} on a group consuming as a member of it, {@code DescribeGroup} alone
 * reading its committed offsets ({@code DESCRIBE}). {@code DescribeTopic} needs no ACL of its own here: Kafka implies it
 * by reading or writing, and each service reads or writes every topic it describes. A
 * topic is what its parameter reads on a first deploy ({@link SamTemplates#parameterValue}); the service is the last
 * folder of the function's {@code CodeUri}. All functions of a service share its identity locally (they share its
 * process), so a service's rights are the union of its functions'.
 */
public final class KafkaRights {

    private static final Pattern TOPIC = Pattern.compile("topic/\\$\\{ClusterName}/\\*/\\$\\{(\\w+)}(\\.dlq)?$");
    private static final Pattern GROUP = Pattern.compile("group/\\$\\{ClusterName}/\\*/([\\w-]+)$");

    private KafkaRights() {}

    /** Each service's grant, by service name. */
    public static Map<String, KafkaAcls.Grant> of(SamTemplates templates) {
        Map<String, Set<String>> reads = new TreeMap<>();
        Map<String, Set<String>> writes = new TreeMap<>();
        Map<String, Set<String>> groups = new TreeMap<>();
        Map<String, Set<String>> described = new TreeMap<>();
        for (SamTemplates.Template template : templates.all()) {
            for (JsonNode function :
                    template.resources("AWS::Serverless::Function").values()) {
                String service = TemplateFunctions.service(
                        function.path("Properties").path("CodeUri").asString(""));
                for (JsonNode policy : function.path("Properties").path("Policies")) {
                    for (JsonNode statement : policy.path("Statement")) {
                        Set<String> actions = strings(statement.path("Action"));
                        for (String resource : strings(statement.path("Resource"))) {
                            Matcher topic = TOPIC.matcher(resource);
                            if (topic.find()) {
                                String name = templates.parameterValue(template, topic.group(1))
                                        + (topic.group(2) == null ? "" : ".dlq");
                                if (actions.contains("kafka-cluster:ReadData")) {
                                    reads.computeIfAbsent(service, s -> new TreeSet<>())
                                            .add(name);
                                }
                                if (actions.contains("kafka-cluster:WriteData")) {
                                    writes.computeIfAbsent(service, s -> new TreeSet<>())
                                            .add(name);
                                }
                            }
                            Matcher group = GROUP.matcher(resource);
                            if (group.find()) {
                                // AlterGroup: consumes as the group; DescribeGroup alone: reads its offsets only
                                if (actions.contains("kafka-cluster:AlterGroup")) {
                                    groups.computeIfAbsent(service, s -> new TreeSet<>())
                                            .add(group.group(1));
                                } else if (actions.contains("kafka-cluster:DescribeGroup")) {
                                    described
                                            .computeIfAbsent(service, s -> new TreeSet<>())
                                            .add(group.group(1));
                                }
                            }
                        }
                    }
                }
            }
        }
        Set<String> services = new TreeSet<>(reads.keySet());
        services.addAll(writes.keySet());
        Map<String, KafkaAcls.Grant> grants = new TreeMap<>();
        services.forEach(service -> grants.put(
                service,
                new KafkaAcls.Grant(
                        service,
                        reads.getOrDefault(service, Set.of()),
                        writes.getOrDefault(service, Set.of()),
                        groups.getOrDefault(service, Set.of()),
                        Set.of(),
                        described.getOrDefault(service, Set.of()))));
        return grants;
    }

    /** A string or a list of them; a {@code !Sub [text, {...}]} reads as its text. */
    private static Set<String> strings(JsonNode node) {
        Set<String> strings = new TreeSet<>();
        if (node.isArray()
                && node.size() == 2
                && node.get(0).isString()
                && node.get(1).isObject()) {
            strings.add(node.get(0).asString());
        } else if (node.isArray()) {
            node.forEach(item -> strings.addAll(strings(item)));
        } else if (node.isString()) {
            strings.add(node.asString());
        }
        return strings;
    }
}
