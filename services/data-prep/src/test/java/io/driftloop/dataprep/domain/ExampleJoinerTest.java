package io.driftloop.dataprep.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.LabelledExample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExampleJoinerTest {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    MutableClock clock = new MutableClock(T0);
    ExampleJoiner joiner = new ExampleJoiner(Duration.ofMinutes(10), 100, clock);

    @Test
    void inferenceThenFeedbackJoinsIntoOneExample() {
        assertThat(joiner.onInference(inference("m", "r1"))).isEmpty();
        Optional<LabelledExample> example = joiner.onFeedback(feedback("m", "r1", 1));

        assertThat(example).hasValueSatisfying(e -> {
            assertThat(e.requestId()).isEqualTo("r1");
            assertThat(e.label()).isEqualTo(1);
            assertThat(e.features()).containsEntry("x", 1.5);
            assertThat(e.attributes()).containsEntry("g", "f");
            assertThat(e.timestamp()).isEqualTo(T0);
        });
        assertThat(joiner.waiting()).isZero();
    }

    @Test
    void theExampleCarriesTheServedVersionPredictionAndScoreSoErrorsCanBeCounted() {
        joiner.onInference(new InferenceEvent("m", "r1", T0, 3, Map.of("x", 1.5), Map.of(), 1, 0.8));

        assertThat(joiner.onFeedback(feedback("m", "r1", 0))).hasValueSatisfying(e -> {
            assertThat(e.modelVersion()).isEqualTo(3);
            assertThat(e.prediction()).isEqualTo(1);
            assertThat(e.score()).isEqualTo(0.8);
            assertThat(e.label()).isZero();
        });
    }

    @Test
    void feedbackArrivingFirstWaitsForItsInference() {
        assertThat(joiner.onFeedback(feedback("m", "r1", 0))).isEmpty();
        assertThat(joiner.onInference(inference("m", "r1"))).hasValueSatisfying(e -> assertThat(e.label()).isZero());
    }

    @Test
    void redeliveredInferenceOrFeedbackYieldsNoSecondExample() {
        joiner.onInference(inference("m", "r1"));
        assertThat(joiner.onFeedback(feedback("m", "r1", 1))).isPresent();

        assertThat(joiner.onInference(inference("m", "r1"))).isEmpty();
        assertThat(joiner.onFeedback(feedback("m", "r1", 1))).isEmpty();
        assertThat(joiner.waiting()).isZero();
    }

    @Test
    void sameRequestIdOfAnotherModelIsAnotherExample() {
        joiner.onInference(inference("a", "r1"));
        joiner.onInference(inference("b", "r1"));
        assertThat(joiner.onFeedback(feedback("b", "r1", 1))).hasValueSatisfying(e -> assertThat(e.model()).isEqualTo("b"));
        assertThat(joiner.waiting()).isEqualTo(1);
    }

    @Test
    void sidesOlderThanTheTtlExpire() {
        joiner.onInference(inference("m", "old"));
        clock.advance(Duration.ofMinutes(6));
        joiner.onFeedback(feedback("m", "newer", 1));
        clock.advance(Duration.ofMinutes(5));

        assertThat(joiner.expire()).isEqualTo(1);
        assertThat(joiner.onFeedback(feedback("m", "old", 1))).isEmpty();
        assertThat(joiner.onInference(inference("m", "newer"))).isPresent();
        assertThat(joiner.expiredTotal()).isEqualTo(1);
    }

    @Test
    void rememberedJoinsAreBounded() {
        ExampleJoiner small = new ExampleJoiner(Duration.ofMinutes(10), 2, clock);
        for (String id : new String[] {"a", "b", "c"}) {
            small.onInference(inference("m", id));
            small.onFeedback(feedback("m", id, 1));
        }
        // "a" was forgotten, so a late redelivery of both sides would join again; "c" is still known
        small.onInference(inference("m", "c"));
        assertThat(small.onFeedback(feedback("m", "c", 1))).isEmpty();
        small.onInference(inference("m", "a"));
        assertThat(small.onFeedback(feedback("m", "a", 1))).isPresent();
    }

    static InferenceEvent inference(String model, String id) {
        return new InferenceEvent(model, id, T0, null, Map.of("x", 1.5), Map.of("g", "f"), null, null);
    }

    static FeedbackEvent feedback(String model, String id, int label) {
        return new FeedbackEvent(model, id, label, T0.plusSeconds(30));
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
