package io.driftloop.registry.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.infra.kafka.KafkaTestResource;
import io.driftloop.kit.CompactedTable;
import io.driftloop.registry.domain.ChampionChange;
import io.driftloop.registry.domain.ModelHistory;
import io.driftloop.registry.domain.ModelVersion;
import io.driftloop.registry.domain.Registry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two registry instances ({@link RegistryNode}s, each following ct.model.lifecycle.v1 and writing
 * to it) handle the same trained and evaluated events at the same time against the real broker:
 * the log decides every race, both end in the same state, and each version is promoted once.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@Order(1)
class RegistryRaceIT extends RegistryBrokerIT {

    static final int CANDIDATES = 5;

    CompactedTable<ModelPromoted> champions;
    final List<RegistryNode> nodes = new CopyOnWriteArrayList<>();

    /** Runs after {@link #connect()}: the instances write through {@link #kafka}. */
    @BeforeEach
    void start() {
        java.util.Map<String, String> bootstrap = java.util.Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers());
        champions = new CompactedTable<>(bootstrap, Topics.MODEL_PROMOTED,
                json -> Json.decode(json, ModelPromoted.class), (record, e) -> { }).start();
        champions.onChange((model, promoted) -> nodes.forEach(n -> n.promotionSeen(model)));
        for (String writer : List.of("race-a", "race-b")) {
            RegistryNode node = new RegistryNode(bootstrap, writer, Clock.system(ZoneOffset.UTC), outbox(),
                    champions::get, champions::awaitCaughtUp, Duration.ofSeconds(30)).start();
            nodes.add(node);
        }
        nodes.forEach(n -> assertThat(n.awaitRebuilt(WAIT)).isTrue());
    }

    /** Runs before {@link #disconnect()}: the instances stop writing before the probe closes. */
    @AfterEach
    void stop() {
        nodes.forEach(RegistryNode::close);
        champions.close();
    }

    @Test
    void twoInstancesRacingOnTheSameEventsPromoteEachVersionExactlyOnce() throws Exception {
        String model = unique("race");
        ModelSpec spec = ModelSpecs.parse("name: " + model + "\n" + Fixtures.spec(model, "auto"));
        List<ModelTrained> trained = new ArrayList<>();
        List<ModelEvaluated> evaluated = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            trained.add(Fixtures.trained(model, "c" + i));
            evaluated.add(Fixtures.evaluated(model, "c" + i, true));
        }

        long publishedBefore = nodes.stream().mapToLong(RegistryNode::promotionsPublished).sum();
        // instance a takes the candidates in order, b in reverse: their version numbers collide
        race(node -> {
            List<ModelTrained> mine = new ArrayList<>(trained);
            if (node == nodes.get(1)) {
                Collections.reverse(mine);
            }
            mine.forEach(t -> node.decide(model, r -> r.onTrained(t)));
        });
        // each evaluation gated against the champion the previous one made, as the evaluator would see it
        Registry a = nodes.get(0).registry();
        for (int i = 0; i < CANDIDATES; i++) {
            ModelEvaluated e = evaluated.get(i);
            Integer champion = i == 0 ? null : a.model(model).orElseThrow()
                    .byCandidate(evaluated.get(i - 1).candidateId()).orElseThrow().version();
            evaluated.set(i, Fixtures.evaluated(model, "c" + i, true, champion));
        }
        // both evaluate every candidate, one after the other, in the same order
        race(node -> evaluated.forEach(e -> {
            assertThat(node.awaitCandidate(model, e.candidateId(), WAIT)).isTrue();
            node.decide(model, r -> r.onEvaluated(e, spec));
        }));

        // the log read by a fresh registry: one version per candidate, one champion change per version
        List<ModelLifecycleChanged> log = records(Topics.MODEL_LIFECYCLE, model).stream()
                .map(r -> Json.decode(r.value(), ModelLifecycleChanged.class)).toList();
        Registry reader = new Registry(Clock.systemUTC(), "reader");
        Map<Registry.Outcome, Long> outcomes = log.stream().map(reader::apply)
                .collect(Collectors.groupingBy(Registry.Applied::outcome, Collectors.counting()));
        ModelHistory history = reader.model(model).orElseThrow();
        assertThat(history.versions()).extracting(ModelVersion::candidateId)
                .containsExactlyInAnyOrderElementsOf(trained.stream().map(ModelTrained::candidateId).toList());
        assertThat(history.championChanges()).extracting(ChampionChange::version)
                .doesNotHaveDuplicates().hasSize(CANDIDATES);
        assertThat(outcomes.get(Registry.Outcome.APPLIED)).isEqualTo(2L * CANDIDATES);
        assertThat(outcomes).doesNotContainKey(Registry.Outcome.REJECTED);
        // the instances did race: events that lost their position stay on the log, ignored by every reader
        assertThat(nodes.stream().mapToLong(RegistryNode::lostRaces).sum()).as("lost races").isPositive();
        assertThat(outcomes.get(Registry.Outcome.LOST_RACE)).as("lost-race events on the log").isPositive();
        List<String> appliedChampionIds = history.championChanges().stream().map(ChampionChange::eventId).toList();
        assertThat(log.stream().filter(e -> e.stage() == LifecycleStage.CHAMPION).map(ModelLifecycleChanged::eventId)
                .distinct()).as("champion events on the log, by id").containsExactlyInAnyOrderElementsOf(appliedChampionIds);

        // both instances hold exactly what the log says
        for (RegistryNode node : nodes) {
            Awaitility.await().atMost(WAIT).until(() -> node.registry().position(model) == history.position());
            assertThat(node.registry().model(model)).contains(history);
        }

        // one ModelPromoted per promoted version (both followers may publish it: same content), the champion last
        Awaitility.await().atMost(WAIT).until(() -> {
            List<ModelPromoted> all = promotions(model);
            return all.stream().map(ModelPromoted::version).distinct().count() == CANDIDATES
                    && all.get(all.size() - 1).version() == history.championVersion();
        });
        Map<Integer, Set<ModelPromoted>> byVersion = promotions(model).stream().collect(
                Collectors.groupingBy(ModelPromoted::version, Collectors.toSet()));
        assertThat(byVersion.keySet()).containsExactlyInAnyOrderElementsOf(
                history.championChanges().stream().map(ChampionChange::version).toList());
        assertThat(byVersion.values()).allSatisfy(same -> assertThat(same).hasSize(1));
        assertThat(nodes.stream().mapToLong(RegistryNode::promotionsPublished).sum() - publishedBefore)
                .isGreaterThanOrEqualTo(CANDIDATES);
    }

    @Test
    void aChampionEventWhoseWriterStoppedBeforePublishingIsPromotedByTheFollowers() {
        String model = unique("orphan");
        ModelSpec spec = ModelSpecs.parse("name: " + model + "\n" + Fixtures.spec(model, "auto"));
        RegistryNode a = nodes.get(0);
        a.decide(model, r -> r.onTrained(Fixtures.trained(model, "c0")));
        ModelLifecycleChanged decided = a.registry().onEvaluated(Fixtures.evaluated(model, "c0", true), spec)
                .orElseThrow();
        // written by an instance that stopped before its promotion: only the lifecycle event is on the log
        ModelLifecycleChanged orphan = new ModelLifecycleChanged(decided.eventId(), decided.causationId(), model,
                decided.version(), decided.candidateId(), decided.stage(), decided.reason(), decided.at(), null,
                decided.evaluation(), decided.sequence(), "stopped-instance", decided.previousVersion(),
                decided.action(), decided.actor(), null, null);
        kafka.send(Topics.MODEL_LIFECYCLE, model, Json.encode(orphan));

        ModelPromoted promoted = Json.decode(kafka.await(Topics.MODEL_PROMOTED, r -> model.equals(r.key()), WAIT)
                .value(), ModelPromoted.class);
        assertThat(promoted.version()).isEqualTo(1);
        assertThat(promoted.action()).isEqualTo("auto");
        for (RegistryNode node : nodes) {
            Awaitility.await().atMost(WAIT).until(() -> node.registry().promoted(model).isPresent());
            assertThat(node.registry().promoted(model)).contains(promoted);
        }
        assertThat(promotions(model)).allSatisfy(p -> assertThat(p).isEqualTo(promoted));
    }

    @Test
    void aDecisionNotReadBackInTimeIsReportedAsRecordedNotConfirmed() {
        String model = unique("unconfirmed");
        // an instance whose lifecycle writes never reach the log
        RegistryNode silent = new RegistryNode(java.util.Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()), "silent",
                Clock.system(ZoneOffset.UTC), new RegistryNode.Outbox() {
                    @Override
                    public void lifecycle(ModelLifecycleChanged event) {
                    }

                    @Override
                    public void promoted(ModelPromoted promoted, String eventId, String causationId) {
                        throw new AssertionError("nothing to promote");
                    }
                }, champions::get, champions::awaitCaughtUp, Duration.ofMillis(500)).start();
        nodes.add(silent);

        assertThatThrownBy(() -> silent.decide(model, r -> r.onTrained(Fixtures.trained(model, "c0"))))
                .isInstanceOfSatisfying(ReadBackTimeout.class, e -> {
                    assertThat(e.event().model()).isEqualTo(model);
                    assertThat(e.event().sequence()).isZero();
                    assertThat(e.getMessage()).contains("not read back");
                });
        assertThat(silent.registry().model(model)).isEmpty();
    }

    /** Runs {@code work} on both instances at once. */
    private void race(java.util.function.Consumer<RegistryNode> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        CyclicBarrier start = new CyclicBarrier(nodes.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (RegistryNode node : nodes) {
                running.add(pool.submit(() -> {
                    start.await();
                    work.accept(node);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ModelPromoted> promotions(String model) {
        return records(Topics.MODEL_PROMOTED, model).stream()
                .map(r -> Json.decode(r.value(), ModelPromoted.class)).toList();
    }

    /** Writes as the service does (key = model, acknowledged), without the CloudEvents headers. */
    private RegistryNode.Outbox outbox() {
        return new RegistryNode.Outbox() {
            @Override
            public void lifecycle(ModelLifecycleChanged event) {
                kafka.send(Topics.MODEL_LIFECYCLE, event.model(), Json.encode(event));
            }

            @Override
            public void promoted(ModelPromoted promoted, String eventId, String causationId) {
                kafka.send(Topics.MODEL_PROMOTED, promoted.model(), Json.encode(promoted));
            }
        };
    }
}
