package io.driftloop.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class TopicAclsTest {

    static final List<TopicDefinitions.Topic> TOPICS = TopicDefinitions.load();
    static final List<AclBinding> ACLS = TopicAcls.bindings(TOPICS);

    @Test
    void theServicesAreTheWritersButTheApplication() {
        assertThat(TopicAcls.services(TOPICS))
                .containsExactlyInAnyOrder("registry", "drift-detector", "data-prep", "trainer", "evaluator", "scorer");
        assertThat(TopicAcls.principals(TOPICS)).contains(TopicAcls.APP, TopicAcls.READER);
    }

    @Test
    void theConsoleReadsEveryTopicDescribesEveryGroupAndWritesNothing() {
        for (TopicDefinitions.Topic t : TOPICS) {
            assertThat(granted(ResourceType.TOPIC, t.name(), AclOperation.READ)).as(t.name()).contains("User:console");
        }
        assertThat(ACLS).anyMatch(b -> b.pattern().resourceType() == ResourceType.GROUP
                && b.pattern().name().equals("*") && b.pattern().patternType() == PatternType.LITERAL
                && b.entry().principal().equals("User:console") && b.entry().operation() == AclOperation.DESCRIBE);
        assertThat(ACLS).noneMatch(b -> b.entry().principal().equals("User:console")
                && b.entry().operation() != AclOperation.READ && b.entry().operation() != AclOperation.DESCRIBE);
        assertThat(ACLS).noneMatch(b -> b.entry().principal().equals("User:console")
                && b.pattern().resourceType() == ResourceType.GROUP && b.entry().operation() == AclOperation.READ);
    }

    @Test
    void everyTopicHasAWriter() {
        assertThat(TOPICS).allSatisfy(t -> assertThat(t.writers()).as(t.name()).isNotEmpty());
    }

    @Test
    void onlyTheRegistryWritesPromotionsSpecsAndTheLifecycle() {
        for (String topic : List.of("ct.model.promoted.v1", "ct.model.specs.v1", "ct.model.lifecycle.v1")) {
            assertThat(granted(ResourceType.TOPIC, topic, AclOperation.WRITE)).as(topic).containsExactly("User:registry");
            assertThat(granted(ResourceType.TOPIC, topic, AclOperation.ALL)).as(topic).isEmpty();
        }
    }

    @Test
    void theRegistryMayRedriveDeadLettersToTheirSourceTopics() {
        for (String source : List.of("ct.inference.v1", "ct.feedback.v1", "ct.model.trained.v1", "ct.dataset.ready.v1")) {
            assertThat(granted(ResourceType.TOPIC, source, AclOperation.WRITE)).as(source).contains("User:registry");
        }
        assertThat(granted(ResourceType.TOPIC, "ct.drift.stats.v1", AclOperation.WRITE)).containsExactly("User:drift-detector");
    }

    @Test
    void theApplicationWritesItsInputsAndReadsNothing() {
        Set<String> written = ACLS.stream()
                .filter(b -> b.entry().principal().equals("User:app") && b.entry().operation() == AclOperation.WRITE)
                .map(b -> b.pattern().name()).collect(Collectors.toSet());
        assertThat(written).containsExactlyInAnyOrder("ct.inference.v1", "ct.feedback.v1");
        assertThat(ACLS).noneMatch(b -> b.entry().principal().equals("User:app")
                && (b.entry().operation() == AclOperation.READ || b.entry().operation() == AclOperation.ALL));
    }

    @Test
    void everyServiceReadsEveryTopicWithGroupsAndTransactionsOfItsOwnName() {
        for (String service : TopicAcls.services(TOPICS)) {
            for (TopicDefinitions.Topic t : TOPICS) {
                assertThat(granted(ResourceType.TOPIC, t.name(), AclOperation.READ)).as(t.name()).contains("User:" + service);
            }
            assertThat(ACLS).anyMatch(b -> b.pattern().resourceType() == ResourceType.GROUP
                    && b.pattern().patternType() == PatternType.PREFIXED && b.pattern().name().equals(service)
                    && b.entry().principal().equals("User:" + service) && b.entry().operation() == AclOperation.READ);
            assertThat(ACLS).anyMatch(b -> b.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID
                    && b.pattern().name().equals(service) && b.entry().principal().equals("User:" + service)
                    && b.entry().operation() == AclOperation.WRITE);
        }
    }

    @Test
    void dataPrepOwnsItsStreamsInternalTopicsAndNoOneElseWritesThem() {
        List<TopicDefinitions.Topic> internal = TOPICS.stream().filter(t -> t.name().startsWith("data-prep-join-")).toList();
        assertThat(internal).isNotEmpty();
        for (TopicDefinitions.Topic t : internal) {
            assertThat(granted(ResourceType.TOPIC, t.name(), AclOperation.ALL)).containsExactly("User:data-prep");
            assertThat(granted(ResourceType.TOPIC, t.name(), AclOperation.WRITE)).containsExactly("User:data-prep");
        }
        assertThat(ACLS).noneMatch(b -> b.entry().operation() == AclOperation.ALL
                && !b.pattern().name().startsWith("data-prep-join-"));
    }

    private static List<String> granted(ResourceType type, String name, AclOperation operation) {
        return ACLS.stream().filter(b -> b.pattern().resourceType() == type && b.pattern().name().equals(name)
                        && b.entry().operation() == operation)
                .map(b -> b.entry().principal()).distinct().toList();
    }
}
