package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.spec.FairnessMetric;
import io.driftloop.contracts.spec.QualityMetric;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On the cases of {@code src/test/resources/sklearn/fixtures.json} (written by {@code generate.py}
 * next to it), to 1e-9: the candidate's, the baseline's quality metrics and the point differences
 * candidate − champion agree with scikit-learn 1.2.1 (ECE with its NumPy definition), the fairness
 * measures with their NumPy definitions, McNemar's test with SciPy.
 */
class SklearnAgreementTest {

    static final double TOLERANCE = 1e-9;

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = SklearnAgreementTest.class.getResourceAsStream("/sklearn/fixtures.json")) {
            List<JsonNode> cases = new ArrayList<>();
            Json.mapper().readTree(in).get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    static EvaluationStatistics statistics(JsonNode c) {
        int[] labels = ints(c.get("labels"));
        String[] groups = new String[labels.length];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = c.get("groups").get(i).asText();
        }
        Column column = new Column("group", groups);
        List<FairnessMeasure> measures = new ArrayList<>(FairnessMeasure.STANDARD);
        measures.add(new FairnessMeasure(FairnessMetric.DISPARATE_IMPACT_RATIO, c.get("referenceGroup").asText()));
        EvaluationData data = new EvaluationData(labels, doubles(c.get("candidate")), doubles(c.get("champion")), c.get("prior").asDouble(),
                List.of(column), List.of(column), measures, 30, c.get("minGroupSize").asInt());
        return Statistics.compute(data, 7, 100, 0.95);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void qualityMetricsAgreeWithScikitLearn(JsonNode c) {
        JsonNode expected = c.get("expected");
        MetricSet m = statistics(c).candidate();
        agrees(c, "candidate", m, expected);
        JsonNode cm = expected.get("confusion");
        assertThat(m.confusion()).isEqualTo(new ConfusionMatrix(cm.get(0).asLong(), cm.get(1).asLong(),
                cm.get(2).asLong(), cm.get(3).asLong()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theConstantPriorBaselineAgreesWithScikitLearnOnTheSameRows(JsonNode c) {
        agrees(c, "baseline", statistics(c).baseline(), c.get("expected").get("baseline"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thePointDifferencesToTheChampionAgreeWithScikitLearnOnTheSameRows(JsonNode c) {
        JsonNode expected = c.get("expected").get("versusChampion");
        EvaluationStatistics s = statistics(c);
        for (QualityMetric metric : QualityMetric.values()) {
            agrees(s.versusChampion().get(metric.wireName()).value(), expected.get(metric.wireName()),
                    c.get("name").asText() + " " + metric.wireName());
        }
    }

    private static void agrees(JsonNode c, String what, MetricSet m, JsonNode expected) {
        for (QualityMetric metric : QualityMetric.values()) {
            agrees(m.get(metric).value(), expected.get(metric.wireName()),
                    c.get("name").asText() + " " + what + " " + metric.wireName());
        }
    }

    /** Null where the expected figure is null (undefined), else within {@link #TOLERANCE} of it. */
    private static void agrees(Double actual, JsonNode expected, String what) {
        if (expected.isNull()) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isCloseTo(expected.asDouble(), within(TOLERANCE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fairnessMeasuresAgreeWithTheNumpyDefinitions(JsonNode c) {
        JsonNode expected = c.get("expected").get("fairness");
        AttributeFairness f = statistics(c).fairness("group");
        for (FairnessMeasure measure : FairnessMeasure.STANDARD) {
            agrees(f.get(measure).value(), expected.get(FairnessMeasure.camelName(measure.metric())), measure.key());
        }
        FairnessMeasure reference = new FairnessMeasure(FairnessMetric.DISPARATE_IMPACT_RATIO,
                c.get("referenceGroup").asText());
        agrees(f.get(reference).value(), expected.get("disparateImpactRatioReference"), reference.key());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mcnemarAgreesWithScipy(JsonNode c) {
        JsonNode expected = c.get("expected").get("mcnemar");
        McNemar m = statistics(c).mcnemar();
        assertThat(m.candidateOnly()).isEqualTo(expected.get("b").asLong());
        assertThat(m.championOnly()).isEqualTo(expected.get("c").asLong());
        assertThat(m.method()).isEqualTo(expected.get("exact").asBoolean() ? McNemar.EXACT : McNemar.CHI_SQUARE);
        assertThat(m.pValue()).isCloseTo(expected.get("pValue").asDouble(), within(TOLERANCE));
        if (!expected.get("exact").asBoolean()) {
            assertThat(m.statistic()).isCloseTo(expected.get("statistic").asDouble(), within(TOLERANCE));
        }
    }

    private static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asInt();
        }
        return v;
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
