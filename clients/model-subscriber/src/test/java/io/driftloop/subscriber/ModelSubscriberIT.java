package io.driftloop.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.infra.kafka.TopicProbe;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import io.driftloop.subscriber.dl4j.Dl4jModelLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The subscriber against a real broker and real DL4J artifacts: promotions written to
 * {@code ct.model.promoted.v1} swap the serving model; tampered and missing artifacts are refused
 * with the old model still serving; a subscriber started late serves the current champion. Each
 * test uses its own model name, so they share the topic without seeing each other's promotions.
 */
class ModelSubscriberIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    static String kafka;
    static TopicProbe probe;
    static Path artifactsDir;
    static LocalArtifactStore store;

    final List<String> failures = new CopyOnWriteArrayList<>();
    ModelSubscriber<Dl4jModel> subscriber;

    @BeforeAll
    static void startBroker() throws IOException {
        kafka = TestBroker.bootstrapServers();
        probe = new TopicProbe(kafka);
        artifactsDir = Files.createTempDirectory("subscriber-it-");
        store = new LocalArtifactStore(artifactsDir);
    }

    @AfterAll
    static void stopBroker() {
        probe.close();
    }

    @AfterEach
    void closeSubscriber() {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    ModelSubscriber<Dl4jModel> subscribe(String model) {
        return ModelSubscriber.builder(new Dl4jModelLoader())
                .bootstrapServers(kafka)
                .artifactStore(store)
                .models(Set.of(model))
                .listener(new SubscriptionListener() {
                    @Override
                    public void failed(ModelPromoted promotion, Exception error) {
                        failures.add(promotion.version() + ": " + error.getMessage());
                    }
                })
                .start();
    }

    static ModelPromoted promote(String model, int version, float weight) {
        ArtifactRef ref = store.put(TestArtifacts.artifact(model, weight), ModelArtifact.FORMAT);
        ModelPromoted p = TestArtifacts.promoted(model, version, ref);
        probe.send(Topics.MODEL_PROMOTED, model, Json.encode(p));
        return p;
    }

    static int servingVersion(ModelSubscriber<Dl4jModel> s, String model) {
        return s.current(model).map(LoadedModel::version).orElse(0);
    }

    @Test
    void aPromotionIsSwappedInAndScoresWithTheNewNetwork() {
        String model = "it-swap";
        subscriber = subscribe(model);
        assertThat(subscriber.awaitCaughtUp(WAIT)).isTrue();
        assertThat(subscriber.ready(model)).isFalse();

        promote(model, 1, 1f);
        await().atMost(WAIT).until(() -> servingVersion(subscriber, model) == 1);
        assertThat(subscriber.ready(model)).isTrue();
        assertThat(subscriber.current(model).orElseThrow().value().score(Map.of("x", 1.0)))
                .isCloseTo(TestArtifacts.expectedScore(1f, 1.0), within(1e-6));

        promote(model, 2, -2f);
        await().atMost(WAIT).until(() -> servingVersion(subscriber, model) == 2);
        assertThat(subscriber.current(model).orElseThrow().value().score(Map.of("x", 1.0)))
                .isCloseTo(TestArtifacts.expectedScore(-2f, 1.0), within(1e-6));
        assertThat(subscriber.status(model).orElseThrow().swaps()).isEqualTo(2);
    }

    @Test
    void aTamperedArtifactIsRefusedAndTheOldModelKeepsServing() throws IOException {
        String model = "it-tampered";
        subscriber = subscribe(model);
        promote(model, 1, 1f);
        await().atMost(WAIT).until(() -> servingVersion(subscriber, model) == 1);

        ArtifactRef good = store.put(TestArtifacts.artifact(model, 3f), ModelArtifact.FORMAT);
        byte[] bytes = Files.readAllBytes(Path.of(URI.create(good.uri())));
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(Path.of(URI.create(good.uri())), bytes);
        probe.send(Topics.MODEL_PROMOTED, model, Json.encode(TestArtifacts.promoted(model, 2, good)));

        await().atMost(WAIT).until(() -> subscriber.status(model).orElseThrow().failures() == 1);
        SubscriptionStatus s = subscriber.status(model).orElseThrow();
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.latestPromoted()).isEqualTo(2);
        assertThat(s.lastError()).contains("SHA-256");
        assertThat(failures).singleElement().asString().startsWith("2: ");
        assertThat(servingVersion(subscriber, model)).isEqualTo(1);
    }

    @Test
    void aMissingArtifactIsRefusedAndTheOldModelKeepsServing() {
        String model = "it-missing";
        subscriber = subscribe(model);
        promote(model, 1, 1f);
        await().atMost(WAIT).until(() -> servingVersion(subscriber, model) == 1);

        ArtifactRef gone = new ArtifactRef(artifactsDir.resolve("sha256/00/" + "0".repeat(64)).toUri().toString(),
                "00".repeat(32), ModelArtifact.FORMAT);
        probe.send(Topics.MODEL_PROMOTED, model, Json.encode(TestArtifacts.promoted(model, 2, gone)));

        await().atMost(WAIT).until(() -> subscriber.status(model).orElseThrow().failures() == 1);
        assertThat(subscriber.status(model).orElseThrow().lastError()).contains("does not exist");
        assertThat(servingVersion(subscriber, model)).isEqualTo(1);
    }

    @Test
    void aLateSubscriberServesTheCurrentChampionLoadingOnlyIt() {
        String model = "it-late";
        promote(model, 1, 1f);
        promote(model, 2, 2f);
        promote(model, 3, 3f);
        ModelPromoted rollback = TestArtifacts.promoted(model, 2,
                store.put(TestArtifacts.artifact(model, 2f), ModelArtifact.FORMAT));
        probe.send(Topics.MODEL_PROMOTED, model, Json.encode(rollback));

        subscriber = subscribe(model);

        assertThat(subscriber.awaitCaughtUp(WAIT)).isTrue();
        // ready as soon as caught up: the history is applied before caughtUp() turns true
        assertThat(subscriber.ready()).isTrue();
        assertThat(servingVersion(subscriber, model)).isEqualTo(2);
        assertThat(subscriber.current(model).orElseThrow().value().score(Map.of("x", 1.0)))
                .isCloseTo(TestArtifacts.expectedScore(2f, 1.0), within(1e-6));
        assertThat(subscriber.status(model).orElseThrow().swaps()).as("only the last promotion is loaded").isEqualTo(1);
    }

    @Test
    void aRollbackWrittenLaterIsFollowed() {
        String model = "it-rollback";
        subscriber = subscribe(model);
        ModelPromoted v1 = promote(model, 1, 1f);
        promote(model, 2, 2f);
        await().atMost(WAIT).until(() -> servingVersion(subscriber, model) == 2);

        probe.send(Topics.MODEL_PROMOTED, model, Json.encode(v1));

        await().atMost(WAIT).until(() -> servingVersion(subscriber, model) == 1);
    }

    @Test
    void anInvalidRecordOnTheTopicIsSkippedAndFollowingGoesOn() {
        String model = "it-invalid";
        subscriber = subscribe(model);
        probe.send(Topics.MODEL_PROMOTED, model, "{\"model\": \"it-invalid\", \"version\": ");
        promote(model, 1, 1f);
        await().atMost(WAIT).until(() -> servingVersion(subscriber, model) == 1);
        assertThat(subscriber.stoppedBecause()).isNull();
    }
}
