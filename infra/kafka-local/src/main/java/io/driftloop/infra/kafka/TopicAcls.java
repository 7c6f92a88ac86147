package io.driftloop.infra.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of a secured cluster, derived from the declared topics ({@code writers}) so that
 * access is declared once, next to the topics:
 * <ul>
 *   <li>every service (a writer of some topic other than {@link #APP}) may read and describe every
 *       declared topic, and use the consumer groups and transactional ids that start with its name;</li>
 *   <li>only a topic's writers may write it ({@code ct.model.promoted.v1}: the registry alone);</li>
 *   <li>a service owns the topics whose names start with its name and a dash (the internal topics of
 *       its Kafka Streams application, e.g. {@code data-prep-join-…}): all operations on them;</li>
 *   <li>{@link #APP}, the production application, writes what it is declared to write and nothing else;</li>
 *   <li>{@link #REDRIVER}, which serves the operators' re-drive of dead letters, may write each topic
 *       that has a dead-letter topic (it refuses to re-drive into the topics it writes itself);</li>
 *   <li>{@link #READER}, the operators' console, may read and describe every declared topic and
 *       describe every consumer group (their committed offsets), and write nothing.</li>
 * </ul>
 */
public final class TopicAcls {

    /** The principal of the production application that sends inferences and feedback. */
    public static final String APP = "app";

    /** The service whose API re-drives dead letters to their source topics. */
    public static final String REDRIVER = "registry";

    /** The service that reads everything and writes nothing: the operators' console. */
    public static final String READER = "console";

    private TopicAcls() {
    }

    /** Every principal: the writers of the declared topics (the services and {@link #APP}) and {@link #READER}. */
    public static Set<String> principals(List<TopicDefinitions.Topic> topics) {
        Set<String> out = new TreeSet<>();
        topics.forEach(t -> out.addAll(t.writers()));
        out.add(READER);
        return out;
    }

    /** The services that write: the principals but {@link #APP} and {@link #READER}. */
    public static Set<String> services(List<TopicDefinitions.Topic> topics) {
        Set<String> out = principals(topics);
        out.remove(APP);
        out.remove(READER);
        return out;
    }

    /** The ACL bindings that grant what the class comment says and nothing more. */
    public static List<AclBinding> bindings(List<TopicDefinitions.Topic> topics) {
        List<AclBinding> out = new ArrayList<>();
        Set<String> services = services(topics);
        for (String service : services) {
            for (TopicDefinitions.Topic t : topics) {
                out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, service, AclOperation.READ));
                out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, service, AclOperation.DESCRIBE));
                if (t.name().startsWith(service + "-") && t.writers().contains(service)) {
                    out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, service, AclOperation.ALL));
                }
            }
            out.add(allow(ResourceType.GROUP, service, PatternType.PREFIXED, service, AclOperation.READ));
            out.add(allow(ResourceType.GROUP, service, PatternType.PREFIXED, service, AclOperation.DESCRIBE));
            out.add(allow(ResourceType.TRANSACTIONAL_ID, service, PatternType.PREFIXED, service, AclOperation.WRITE));
            out.add(allow(ResourceType.TRANSACTIONAL_ID, service, PatternType.PREFIXED, service, AclOperation.DESCRIBE));
        }
        for (TopicDefinitions.Topic t : topics) {
            out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, READER, AclOperation.READ));
            out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, READER, AclOperation.DESCRIBE));
        }
        out.add(allow(ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL, READER,
                AclOperation.DESCRIBE));
        for (TopicDefinitions.Topic t : topics) {
            if (t.name().endsWith(".dlq")) {
                String source = t.name().substring(0, t.name().length() - ".dlq".length());
                out.add(allow(ResourceType.TOPIC, source, PatternType.LITERAL, REDRIVER, AclOperation.WRITE));
            }
            for (String writer : t.writers()) {
                out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, writer, AclOperation.WRITE));
                out.add(allow(ResourceType.TOPIC, t.name(), PatternType.LITERAL, writer, AclOperation.DESCRIBE));
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(out));
    }

    /**
     * Creates the bindings on the cluster {@code admin} (a super user) reaches, and returns once the
     * broker enforces them (they reach it through the metadata log a moment after they are created).
     */
    public static void apply(Map<String, Object> admin, Collection<AclBinding> bindings) {
        try (Admin client = Admin.create(admin)) {
            client.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!client.describeAcls(AclBindingFilter.ANY).values().get(60, TimeUnit.SECONDS).containsAll(bindings)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not enforce the ACLs within 60 s");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the ACLs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the ACLs", e);
        }
    }

    static String principal(String name) {
        return "User:" + name;
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal(principal), "*", operation, AclPermissionType.ALLOW));
    }
}
