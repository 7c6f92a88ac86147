package io.driftloop.driftdetector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.ModelSpecs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationTest {

    static final FeatureLayout AGE_REGION = FeatureLayout.of(ModelSpecs.parse("""
            name: a
            task: binary-classification
            features:
              - {name: age, type: numeric}
              - {name: region, type: categorical, values: [north, south]}
            """));
    static final FeatureLayout INCOME_TENURE = FeatureLayout.of(ModelSpecs.parse("""
            name: b
            task: binary-classification
            features:
              - {name: income, type: numeric}
              - {name: tenure, type: numeric}
              - {name: region, type: categorical, values: [north, south]}
            """));

    static final InferenceEvent EVENT = new InferenceEvent("b", "r-1", Instant.parse("2026-11-24T00:00:00Z"), 1,
            features(), Map.of(), 1, 0.7);

    static Map<String, Object> features() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("age", 41);
        f.put("income", 5.5);
        f.put("region", "north");
        f.put("tenure", 3);
        f.put("plan", "gold");
        return f;
    }

    @Test
    void anObservationMovedToAnotherLayoutHoldsWhatReadingTheEventIntoThatLayoutGives() {
        for (FeatureLayout from : new FeatureLayout[] {null, AGE_REGION, INCOME_TENURE}) {
            for (FeatureLayout to : new FeatureLayout[] {null, AGE_REGION, INCOME_TENURE}) {
                Observation moved = Observation.of(EVENT, from).in(to);

                assertSameFeatures(moved, Observation.of(EVENT, to));
                assertThat(moved.layout()).isSameAs(to);
                assertThat(moved.requestId()).isEqualTo("r-1");
                assertThat(moved.score()).isEqualTo(0.7);
            }
        }
    }

    @Test
    void anObservationAlreadyInTheLayoutIsItself() {
        Observation o = Observation.of(EVENT, AGE_REGION);

        assertThat(o.in(AGE_REGION)).isSameAs(o);
    }

    @Test
    void aWindowTakesAMovedObservationAsTheEventItself() {
        Window fromEvent = new Window("b", 10, 1, "o");
        Window fromMoved = new Window("b", 10, 1, "o");

        fromEvent.add(EVENT);
        fromMoved.add(Observation.of(EVENT, AGE_REGION).in(INCOME_TENURE));

        assertThat(fromMoved.numericDistribution("age").values()).containsExactly(41.0);
        assertThat(fromMoved.numericDistribution("tenure").values())
                .containsExactly(fromEvent.numericDistribution("tenure").values());
        assertThat(fromMoved.categorical("plan")).isEqualTo(fromEvent.categorical("plan"));
        assertThat(fromMoved.categorical("region")).isEqualTo(fromEvent.categorical("region"));
    }

    static void assertSameFeatures(Observation actual, Observation expected) {
        assertThat(byName(actual)).isEqualTo(byName(expected));
        assertThat(actual.others().keySet()).isEqualTo(expected.others().keySet());
    }

    static Map<String, Object> byName(Observation o) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < o.slots(); i++) {
            switch (o.kind(i)) {
                case Observation.NUMBER -> features.put(o.layout().name(i), o.number(i));
                case Observation.TEXT -> features.put(o.layout().name(i), o.text(i));
                default -> { }
            }
        }
        o.others().forEach((name, value) -> features.put(name, value instanceof Number n ? n.doubleValue() : value));
        return features;
    }

    @Test
    void anObservationFitsItsSpecByTheSameRulesDataPrepAppliesWhateverItsLayout() {
        var spec = INCOME_TENURE.spec();
        for (FeatureLayout layout : new FeatureLayout[] {null, AGE_REGION, INCOME_TENURE}) {
            assertThat(Observation.of(EVENT, layout).requireFits(spec).model()).isEqualTo("b");
            Map<String, Object> f = features();
            f.put("income", 1e13);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Observation.of(new InferenceEvent("b", "r-2",
                            EVENT.timestamp(), 1, f, Map.of(), null, null), layout).requireFits(spec))
                    .isInstanceOf(io.driftloop.contracts.InvalidEventException.class)
                    .hasMessage("field 'features.income' must be a finite number of magnitude at most 1e12, was 1.0E13");
            f.put("income", "rich");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Observation.of(new InferenceEvent("b", "r-3",
                            EVENT.timestamp(), 1, f, Map.of(), null, null), layout).requireFits(spec))
                    .hasMessage("field 'features.income' must be a number, was the string 'rich'");
            f.remove("income");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Observation.of(new InferenceEvent("b", "r-4",
                            EVENT.timestamp(), 1, f, Map.of(), null, null), layout).requireFits(spec))
                    .hasMessageStartingWith("field 'features.income' is missing");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Observation.of(new InferenceEvent("b", "r-5",
                            EVENT.timestamp(), 0, features(), Map.of(), null, null), layout).requireFits(spec))
                    .hasMessage("field 'modelVersion' must be at least 1, was 0");
        }
    }
}
