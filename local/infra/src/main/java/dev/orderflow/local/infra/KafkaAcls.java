package dev.orderflow.local.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on a Kafka cluster that checks ({@code StandardAuthorizer}): each identity gets exactly its
 * {@link Grant}'s rights, and an identity's rights that no grant names any more are taken away. What no ACL allows is
 * refused by the broker (no {@code allow.everyone.if.no.acl.found}).
 */
public final class KafkaAcls {

    /** Every topic ({@code *} as an ACL's literal resource name). */
    public static final String ALL_TOPICS = ResourcePattern.WILDCARD_RESOURCE;

    /**
     * One identity's rights: reading ({@code READ}, which lets it describe the topic too) and writing topics,
     * consuming as a member of consumer groups, named or by prefix, and reading the committed offsets of groups it
     * does not consume as ({@code DESCRIBE}: a service counting the dead letters the operator's replay has not taken).
     */
    public record Grant(
            String identity,
            Set<String> reads,
            Set<String> writes,
            Set<String> groups,
            Set<String> groupPrefixes,
            Set<String> describedGroups) {

        public Grant {
            reads = Set.copyOf(reads);
            writes = Set.copyOf(writes);
            groups = Set.copyOf(groups);
            groupPrefixes = Set.copyOf(groupPrefixes);
            describedGroups = Set.copyOf(describedGroups);
        }

        /** A grant that describes no group it does not consume as. */
        public Grant(
                String identity, Set<String> reads, Set<String> writes, Set<String> groups, Set<String> groupPrefixes) {
            this(identity, reads, writes, groups, groupPrefixes, Set.of());
        }

        public String principal() {
            return "User:" + identity;
        }

        List<AclBinding> bindings() {
            List<AclBinding> bindings = new ArrayList<>();
            reads.forEach(
                    topic -> bindings.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ)));
            writes.forEach(
                    topic -> bindings.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE)));
            groups.forEach(
                    group -> bindings.add(allow(ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ)));
            groupPrefixes.forEach(
                    prefix -> bindings.add(allow(ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ)));
            describedGroups.forEach(group ->
                    bindings.add(allow(ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.DESCRIBE)));
            return bindings;
        }

        private AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
            return new AclBinding(
                    new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal(), "*", operation, AclPermissionType.ALLOW));
        }
    }

    private KafkaAcls() {}

    /** Makes the cluster's ACLs for the grants' identities what the grants say, as {@code admin} (a super user). */
    public static void apply(KafkaAccess admin, Collection<Grant> grants) {
        Set<AclBinding> wanted = new HashSet<>();
        Set<String> principals = new HashSet<>();
        grants.forEach(grant -> {
            wanted.addAll(grant.bindings());
            principals.add(grant.principal());
        });
        try (Admin client =
                Admin.create(admin.config(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            Collection<AclBinding> existing =
                    client.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            List<AclBindingFilter> stale = existing.stream()
                    .filter(binding -> principals.contains(binding.entry().principal()) && !wanted.contains(binding))
                    .map(AclBinding::toFilter)
                    .toList();
            if (!stale.isEmpty()) {
                client.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            List<AclBinding> missing = wanted.stream()
                    .filter(binding -> !existing.contains(binding))
                    .toList();
            if (!missing.isEmpty()) {
                client.createAcls(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not set the ACLs on " + admin.bootstrapServers(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting ACLs", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + admin.bootstrapServers() + " did not confirm its ACLs in 30 s", e);
        }
    }
}
