package io.driftloop.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ModelPromoted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swap rule on a real local artifact store, with a loader that reads an artifact's text as the
 * model (the DL4J loader has its own test): what serves after each promotion, and what is refused.
 */
class ChampionsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    LocalArtifactStore store;
    List<String> loads = new ArrayList<>();
    List<String> events = new ArrayList<>();
    ModelLoader<String> textLoader = (promotion, bytes) -> {
        String text = new String(bytes, StandardCharsets.UTF_8);
        loads.add(text);
        if (text.startsWith("broken")) {
            throw new IllegalArgumentException("not a model: " + text);
        }
        return text;
    };
    SubscriptionListener recorder = new SubscriptionListener() {
        @Override
        public void swapped(LoadedModel<?> previous, LoadedModel<?> current) {
            events.add("swapped " + (previous == null ? "-" : previous.version()) + "->" + current.version());
        }

        @Override
        public void failed(ModelPromoted promotion, Exception error) {
            events.add("failed " + promotion.version());
        }
    };

    @BeforeEach
    void setUp() {
        store = new LocalArtifactStore(dir);
    }

    ModelPromoted promote(String model, int version, String content) {
        ArtifactRef ref = store.put(content.getBytes(StandardCharsets.UTF_8), "text");
        return TestArtifacts.promoted(model, version, ref);
    }

    Champions<String> champions(Set<String> models) {
        return new Champions<>(models, store, textLoader, recorder, CLOCK);
    }

    @Test
    void nothingServesBeforeTheFirstPromotion() {
        Champions<String> c = champions(Set.of("m"));
        assertThat(c.current("m")).isEmpty();
        assertThat(c.status("m")).hasValueSatisfying(s -> {
            assertThat(s.version()).isNull();
            assertThat(s.swaps()).isZero();
        });
    }

    @Test
    void aPromotionIsLoadedAndServesWithItsVersion() {
        Champions<String> c = champions(Set.of("m"));
        assertThat(c.apply(promote("m", 1, "model one"))).isTrue();
        LoadedModel<String> serving = c.current("m").orElseThrow();
        assertThat(serving.value()).isEqualTo("model one");
        assertThat(serving.version()).isEqualTo(1);
        assertThat(serving.candidateId()).isEqualTo("m-c1");
        assertThat(serving.loadedAt()).isEqualTo(CLOCK.instant());
        assertThat(c.status("m").orElseThrow().current()).isTrue();
        assertThat(events).containsExactly("swapped -->1");
    }

    @Test
    void aLaterPromotionReplacesTheServingModel() {
        Champions<String> c = champions(Set.of("m"));
        c.apply(promote("m", 1, "one"));
        c.apply(promote("m", 2, "two"));
        assertThat(c.current("m").orElseThrow().value()).isEqualTo("two");
        assertThat(c.status("m").orElseThrow().swaps()).isEqualTo(2);
        assertThat(events).containsExactly("swapped -->1", "swapped 1->2");
    }

    @Test
    void aTamperedArtifactIsRefusedBeforeLoadingAndTheOldModelKeepsServing() throws IOException {
        Champions<String> c = champions(Set.of("m"));
        c.apply(promote("m", 1, "one"));
        ModelPromoted v2 = promote("m", 2, "two");
        Files.writeString(Path.of(java.net.URI.create(v2.artifact().uri())), "evil");

        assertThat(c.apply(v2)).isFalse();

        assertThat(c.current("m").orElseThrow().version()).isEqualTo(1);
        assertThat(loads).containsExactly("one");
        SubscriptionStatus s = c.status("m").orElseThrow();
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.latestPromoted()).isEqualTo(2);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.lastError()).contains("SHA-256").contains("m v2");
        assertThat(s.lastErrorAt()).isEqualTo(CLOCK.instant());
        assertThat(s.current()).isFalse();
        assertThat(events).containsExactly("swapped -->1", "failed 2");
    }

    @Test
    void aMissingArtifactIsRefusedAndTheOldModelKeepsServing() {
        Champions<String> c = champions(Set.of("m"));
        c.apply(promote("m", 1, "one"));
        ModelPromoted v2 = TestArtifacts.promoted("m", 2,
                new ArtifactRef(dir.resolve("sha256").resolve("ab").resolve("ab".repeat(32)).toUri().toString(),
                        "ab".repeat(32), "text"));

        c.apply(v2);

        assertThat(c.current("m").orElseThrow().version()).isEqualTo(1);
        assertThat(c.status("m").orElseThrow().lastError()).contains("does not exist");
    }

    @Test
    void anArtifactAddressTheStoreCannotReadIsRefusedAndTheOldModelKeepsServing() {
        Champions<String> c = champions(Set.of("m"));
        c.apply(promote("m", 1, "one"));

        c.apply(TestArtifacts.promoted("m", 2, new ArtifactRef("s3://bucket/model", "ab".repeat(32), "text")));
        c.apply(TestArtifacts.promoted("m", 3, new ArtifactRef("file:// not a uri", "ab".repeat(32), "text")));
        c.apply(TestArtifacts.promoted("m", 4, new ArtifactRef(null, "ab".repeat(32), "text")));

        assertThat(c.current("m").orElseThrow().version()).isEqualTo(1);
        assertThat(c.status("m").orElseThrow().lastError()).contains("m v4").contains("unusable");
        assertThat(events).containsExactly("swapped -->1", "failed 2", "failed 3", "failed 4");
        assertThat(loads).containsExactly("one");
    }

    @Test
    void aPromotionPointingOutsideTheStoreIsNeverReadAndTheOldModelKeepsServing() throws Exception {
        Champions<String> c = champions(Set.of("m"));
        c.apply(promote("m", 1, "one"));
        String passwd = io.driftloop.contracts.Hashing.sha256Hex(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("/etc/passwd")));

        c.apply(TestArtifacts.promoted("m", 2, new ArtifactRef("file:///etc/passwd", passwd, "text")));
        String afterPasswd = c.status("m").orElseThrow().lastError();
        c.apply(TestArtifacts.promoted("m", 3, new ArtifactRef("file:///dev/zero", "0".repeat(64), "text")));

        assertThat(afterPasswd).contains("m v2").contains("not named by its SHA-256");
        assertThat(c.status("m").orElseThrow().lastError()).contains("m v3").contains("not named by its SHA-256");
        assertThat(c.current("m").orElseThrow().version()).isEqualTo(1);
        assertThat(loads).containsExactly("one");
    }

    @Test
    void anArtifactTheLoaderRejectsIsRefusedAndTheOldModelKeepsServing() {
        Champions<String> c = champions(Set.of("m"));
        c.apply(promote("m", 1, "one"));
        c.apply(promote("m", 2, "broken two"));
        assertThat(c.current("m").orElseThrow().value()).isEqualTo("one");
        assertThat(c.status("m").orElseThrow().lastError()).contains("cannot be loaded").contains("not a model");
    }

    @Test
    void aGoodPromotionAfterARefusedOneServesAndClearsTheError() {
        Champions<String> c = champions(Set.of("m"));
        c.apply(promote("m", 1, "one"));
        c.apply(promote("m", 2, "broken"));
        c.apply(promote("m", 3, "three"));
        SubscriptionStatus s = c.status("m").orElseThrow();
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.lastError()).isNull();
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.swaps()).isEqualTo(2);
    }

    @Test
    void aRedeliveredPromotionOfTheServingVersionIsNotLoadedAgain() {
        Champions<String> c = champions(Set.of("m"));
        ModelPromoted v1 = promote("m", 1, "one");
        c.apply(v1);
        assertThat(c.apply(v1)).isFalse();
        assertThat(loads).containsExactly("one");
        assertThat(c.status("m").orElseThrow().swaps()).isEqualTo(1);
    }

    @Test
    void aLaterEventWithALowerVersionIsARollbackAndIsFollowed() {
        Champions<String> c = champions(Set.of("m"));
        ModelPromoted v1 = promote("m", 1, "one");
        c.apply(v1);
        c.apply(promote("m", 2, "two"));
        c.apply(v1);
        assertThat(c.current("m").orElseThrow().value()).isEqualTo("one");
        assertThat(c.status("m").orElseThrow().swaps()).isEqualTo(3);
    }

    @Test
    void replayedHistoryLoadsOnlyTheLastPromotionOfEachModel() {
        Champions<String> c = champions(Set.of());
        c.applyAll(List.of(promote("a", 1, "a1"), promote("b", 1, "b1"), promote("a", 2, "a2"),
                promote("a", 3, "a3"), promote("b", 2, "b2"), promote("a", 2, "a2")));
        assertThat(loads).containsExactlyInAnyOrder("a2", "b2");
        assertThat(c.current("a").orElseThrow().version()).isEqualTo(2);
        assertThat(c.current("b").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void modelsNotSubscribedToAreNeitherLoadedNorReported() {
        Champions<String> c = champions(Set.of("m"));
        assertThat(c.apply(promote("other", 1, "x"))).isFalse();
        assertThat(c.current("other")).isEmpty();
        assertThat(c.statuses()).containsOnlyKeys("m");
        assertThat(loads).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotUndoTheSwap() {
        Champions<String> c = new Champions<>(Set.of("m"), store, textLoader, new SubscriptionListener() {
            @Override
            public void swapped(LoadedModel<?> previous, LoadedModel<?> current) {
                throw new IllegalStateException("listener bug");
            }
        }, CLOCK);
        c.apply(promote("m", 1, "one"));
        assertThat(c.current("m").orElseThrow().value()).isEqualTo("one");
    }

    @Test
    void theHashIsCheckedEvenWhenTheStoreDoesNotVerify() {
        io.driftloop.contracts.artifacts.ArtifactStore trusting = new io.driftloop.contracts.artifacts.ArtifactStore() {
            @Override
            public ArtifactRef put(byte[] bytes, String format) {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] get(ArtifactRef ref) {
                return "swapped bytes".getBytes(StandardCharsets.UTF_8);
            }
        };
        Champions<String> c = new Champions<>(Set.of("m"), trusting, textLoader, recorder, CLOCK);
        c.apply(TestArtifacts.promoted("m", 1, new ArtifactRef("file:///x", "00".repeat(32), "text")));
        assertThat(c.current("m")).isEmpty();
        assertThat(c.status("m").orElseThrow().lastError()).contains("was published as");
        assertThat(loads).isEmpty();
    }
}
