package io.driftloop.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.infra.kafka.TopicProbe;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import io.driftloop.subscriber.dl4j.Dl4jModelLoader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How long a swap takes and what it costs a scorer: promotions are written to the real broker
 * while a thread scores without pause; prints the time from the promotion being written to the
 * new model serving, and scoring latency outside and during swaps. Every answer must come from
 * exactly one version's network.
 */
class SwapTimingIT {

    static final int SWAPS = 20;
    static final float[] WEIGHTS = {1f, -1f};

    @Test
    void swapsTakeMillisecondsAndScoringNeverStalls() throws Exception {
        String kafka = TestBroker.bootstrapServers();
        LocalArtifactStore store = new LocalArtifactStore(Files.createTempDirectory("swap-timing-"));
        String model = "swap-timing";
        // one artifact per version, its version inside the loaded model (the candidate id), weights alternating
        ArtifactRef[] refs = new ArtifactRef[SWAPS + 2];
        for (int version = 1; version <= SWAPS + 1; version++) {
            refs[version] = store.put(TestArtifacts.artifact(model, TestArtifacts.candidateId(model, version),
                    weight(version)), ModelArtifact.FORMAT);
        }
        BlockingQueue<Long> swappedAt = new ArrayBlockingQueue<>(SWAPS + 1);
        try (TopicProbe probe = new TopicProbe(kafka);
             ModelSubscriber<Dl4jModel> subscriber = ModelSubscriber.builder(new Dl4jModelLoader())
                     .bootstrapServers(kafka).artifactStore(store).models(Set.of(model))
                     .listener(new SubscriptionListener() {
                         @Override
                         public void swapped(LoadedModel<?> previous, LoadedModel<?> current) {
                             swappedAt.add(System.nanoTime());
                         }
                     }).start()) {
            probe.send(Topics.MODEL_PROMOTED, model, Json.encode(TestArtifacts.promoted(model, 1, refs[1])));
            assertThat(swappedAt.poll(30, TimeUnit.SECONDS)).isNotNull();

            AtomicBoolean swapping = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong wrongAnswers = new AtomicLong();
            AtomicLong mixedVersions = new AtomicLong();
            List<Long> calm = new ArrayList<>();
            List<Long> during = new ArrayList<>();
            Thread scorer = new Thread(() -> {
                Map<String, Object> row = Map.of("x", 0.7);
                while (running.get()) {
                    boolean inSwap = swapping.get();
                    long t = System.nanoTime();
                    LoadedModel<Dl4jModel> m = subscriber.current(model).orElseThrow();
                    double score = m.value().score(row);
                    long took = System.nanoTime() - t;
                    // the network answering must be the one of the version this LoadedModel says it is
                    if (!m.value().candidateId().equals(TestArtifacts.candidateId(model, m.version()))
                            || !m.value().candidateId().equals(m.candidateId())) {
                        mixedVersions.incrementAndGet();
                    }
                    if (Math.abs(score - TestArtifacts.expectedScore(weight(m.version()), 0.7)) > 1e-6) {
                        wrongAnswers.incrementAndGet();
                    }
                    (inSwap || swapping.get() ? during : calm).add(took);
                }
            }, "scoring");
            scorer.start();

            long[] writtenToServing = new long[SWAPS];
            long[] loadMillis = new long[SWAPS];
            for (int i = 0; i < SWAPS; i++) {
                int version = i + 2;
                swapping.set(true);
                long written = System.nanoTime();
                probe.send(Topics.MODEL_PROMOTED, model,
                        Json.encode(TestArtifacts.promoted(model, version, refs[version])));
                Long at = swappedAt.poll(30, TimeUnit.SECONDS);
                swapping.set(false);
                assertThat(at).as("swap to v" + version).isNotNull();
                writtenToServing[i] = at - written;
                loadMillis[i] = subscriber.current(model).orElseThrow().loadMillis();
                Thread.sleep(100); // calm time between swaps, scored as the baseline
            }
            running.set(false);
            scorer.join();

            assertThat(mixedVersions.get()).as("answers from another version's network").isZero();
            assertThat(wrongAnswers.get()).isZero();
            assertThat(subscriber.current(model).orElseThrow().version()).isEqualTo(SWAPS + 1);
            assertThat(subscriber.current(model).orElseThrow().value().score(Map.of("x", 0.7)))
                    .isCloseTo(TestArtifacts.expectedScore(weight(SWAPS + 1), 0.7), within(1e-6));
            assertThat(subscriber.current(model).orElseThrow().value().candidateId())
                    .isEqualTo(TestArtifacts.candidateId(model, SWAPS + 1));
            System.out.printf("%n[swap-timing] %d swaps, ModelPromoted written (send start) -> new model serving: "
                            + "median %.1f ms, p90 %.1f ms, max %.1f ms; of which fetch+verify+load+trial: median %d ms%n",
                    SWAPS, pct(writtenToServing, 50) / 1e6, pct(writtenToServing, 90) / 1e6, pct(writtenToServing, 100) / 1e6,
                    (long) pct(loadMillis, 50));
            System.out.printf("[swap-timing] scoring latency, one row: calm n=%d p50 %.1f us, p99 %.1f us, max %.2f ms | "
                            + "during swaps n=%d p50 %.1f us, p99 %.1f us, max %.2f ms; wrong answers %d%n%n",
                    calm.size(), pct(calm, 50) / 1e3, pct(calm, 99) / 1e3, pct(calm, 100) / 1e6,
                    during.size(), pct(during, 50) / 1e3, pct(during, 99) / 1e3, pct(during, 100) / 1e6,
                    wrongAnswers.get());
            assertThat(during).isNotEmpty();
        }
    }

    static float weight(int version) {
        return WEIGHTS[(version - 1) % 2];
    }

    static double pct(List<Long> values, double p) {
        return pct(values.stream().mapToLong(Long::longValue).toArray(), p);
    }

    static double pct(long[] values, double p) {
        long[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }
}
