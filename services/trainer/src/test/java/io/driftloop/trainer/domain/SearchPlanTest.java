package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchPlanTest {

    static ModelSpec spec(String training) {
        return ModelSpecs.parse("""
                name: churn
                task: binary-classification
                features: [{name: x, type: numeric}]
                training: %s
                """.formatted(training));
    }

    @Test
    void rungsGrowByEtaUntilOneTrialIsLeftAndTheLastTrainsToMaxEpochs() {
        assertThat(SearchPlan.rungs(9, 3, 4, 40)).containsExactly(4, 12, 40);
        assertThat(SearchPlan.rungs(27, 3, 4, 40)).containsExactly(4, 12, 36, 40);
        assertThat(SearchPlan.rungs(27, 3, 1, 40)).containsExactly(1, 3, 9, 40);
        assertThat(SearchPlan.rungs(8, 2, 5, 40)).containsExactly(5, 10, 20, 40);
        assertThat(SearchPlan.rungs(1, 3, 4, 40)).containsExactly(40);
        assertThat(SearchPlan.rungs(9, 3, 40, 40)).containsExactly(40);
        assertThat(SearchPlan.rungs(100, 3, 10, 25)).containsExactly(10, 25);
    }

    @Test
    void eachRungKeepsTheBestThirdAtLeastOne() {
        SearchPlan plan = SearchPlan.of(spec("{maxEpochs: 40, search: {trials: 27}}").training());
        assertThat(plan.raced()).hasSize(27);
        assertThat(List.of(plan.trialsAt(0), plan.trialsAt(1), plan.trialsAt(2), plan.trialsAt(3)))
                .containsExactly(27, 9, 3, 1);
    }

    @Test
    void theBaselineComesFirstThenTheSpecsRecipeThenDistinctDrawsFromTheGrid() {
        SearchPlan plan = SearchPlan.of(spec("{hiddenLayers: [8], learningRate: 0.02, seed: 5}").training());
        assertThat(plan.baseline()).hasValueSatisfying(b -> {
            assertThat(b.index()).isZero();
            assertThat(b.kind()).isEqualTo(SearchPlan.BASELINE);
            assertThat(b.hyperparameters().hiddenLayers()).isEmpty();
        });
        assertThat(plan.raced()).hasSize(9).doesNotHaveDuplicates();
        assertThat(plan.raced().get(0).hyperparameters().hiddenLayers()).containsExactly(8);
        assertThat(plan.raced().get(0).hyperparameters().learningRate()).isEqualTo(0.02);
        assertThat(plan.raced()).extracting(SearchPlan.Trial::index).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(plan.raced().subList(1, 9)).allSatisfy(t -> {
            assertThat(List.of(List.of(16), List.of(32, 16), List.of(64, 32))).contains(t.hyperparameters().hiddenLayers());
            assertThat(List.of(0.005, 0.01, 0.02, 0.05)).contains(t.hyperparameters().learningRate());
            assertThat(t.hyperparameters().seed()).isEqualTo(5L);
        });
    }

    @Test
    void theSameSpecGivesTheSamePlanAndAnotherSeedAnotherDraw() {
        SearchPlan a = SearchPlan.of(spec("{seed: 5}").training());
        SearchPlan b = SearchPlan.of(spec("{seed: 5}").training());
        SearchPlan c = SearchPlan.of(spec("{seed: 6}").training());
        assertThat(a.raced()).isEqualTo(b.raced());
        assertThat(a.raced().stream().map(t -> t.hyperparameters().withEpochs(1).asMap()).toList())
                .isNotEqualTo(c.raced().stream().map(t -> t.hyperparameters().withEpochs(1).asMap()).toList());
    }

    @Test
    void aSmallGridIsTakenWholeAndDropoutIsZeroWithoutHiddenLayers() {
        SearchPlan plan = SearchPlan.of(spec("{hiddenLayers: [4], learningRate: 0.1, search: {trials: 50, "
                + "hiddenLayers: [[], [4]], learningRate: [0.1], l2: [0], dropout: [0, 0.5], baseline: false}}").training());
        assertThat(plan.baseline()).isEmpty();
        // [] with dropout 0 or 0.5 is one configuration; [4] x {0, 0.5}; the recipe ([4], 0) first
        assertThat(plan.raced()).extracting(t -> t.hyperparameters().hiddenLayers() + "/" + t.hyperparameters().dropout())
                .hasSize(3).startsWith("[4]/0.0").contains("[]/0.0", "[4]/0.5");
        assertThat(plan.raced().get(0).index()).isZero();
    }

    @Test
    void oneTrialIsTheRecipeAlone() {
        SearchPlan plan = SearchPlan.of(spec("{search: {trials: 1, baseline: false}}").training());
        assertThat(plan.raced()).hasSize(1);
        assertThat(plan.rungs()).containsExactly(40);
    }

    @Test
    void bestRanksByLossThenIndexWithNonFiniteLossesLast() {
        Map<Integer, Double> losses = new LinkedHashMap<>();
        losses.put(3, 0.5);
        losses.put(1, Double.NaN);
        losses.put(2, 0.4);
        losses.put(4, 0.4);
        losses.put(0, Double.POSITIVE_INFINITY);
        assertThat(SearchPlan.best(losses, 2)).containsExactly(2, 4);
        assertThat(SearchPlan.best(losses, 5)).containsExactly(2, 4, 3, 0, 1);
        assertThat(SearchPlan.best(losses, 9)).hasSize(5);
    }
}
