package io.driftloop.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.ConceptSignal;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.Histogram;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts' data as the pages build it: merged x columns, histograms, p-values and distances, the concept signal. */
class ChartsTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void curvesWithTheirOwnXValuesShareOneAscendingColumnWithNullsElsewhere() {
        Chart c = Chart.xy("roc", "fpr", "tpr", List.of(0.0, 1.0), List.of(
                new Chart.Curve("a", List.of(new double[] {0, 0}, new double[] {0.5, 0.9}, new double[] {1, 1}), Chart.Style.LINE),
                new Chart.Curve("b", List.of(new double[] {0.2, 0.4}), Chart.Style.LINE)));
        assertThat(c.xs()).containsExactly(0.0, 0.2, 0.5, 1.0);
        assertThat(c.series().get(0).values()).containsExactly(0.0, null, 0.9, 1.0);
        assertThat(c.series().get(1).values()).containsExactly(null, 0.4, null, null);
        assertThat(c.isEmpty()).isFalse();
        assertThat(Chart.xy("roc", "x", "y", null, List.of()).isEmpty()).isTrue();
    }

    @Test
    void aChartsJsonCannotCloseTheScriptElementItIsRenderedInto() {
        Chart c = Chart.categorical("t", "x", "y", List.of("</script><script>alert(1)</script>", "<!--"),
                List.of(new Chart.Series("s", List.of(1.0, 2.0), Chart.Style.BARS)));
        assertThat(c.json()).doesNotContain("<");
        // still the same JSON: the page's script reads back exactly the names
        var back = io.driftloop.contracts.Json.decode(c.json(), com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(back.path("categories").get(0).asText()).isEqualTo("</script><script>alert(1)</script>");
        assertThat(back.path("categories").get(1).asText()).isEqualTo("<!--");
        assertThat(c.xs()).containsExactly(0.0, 1.0);
    }

    @Test
    void aFeatureTestedByPValuesIsDrawnOnALogScaleAndItsDriftedWindowsMarked() {
        List<DriftStats> windows = List.of(window(0, ks(0.4, false)), window(1, ks(0.0, true)), window(2, ks(0.2, false)));
        DriftPage.Feature f = DriftPage.feature(ks(0.2, false), windows);
        assertThat(f.overTime().logY()).isTrue();
        assertThat(f.overTime().series().get(0).values()).containsExactly(0.4, 1e-16, 0.2);
        assertThat(f.overTime().series().get(2).values()).containsExactly(null, 1e-16, null);
        assertThat(f.drifted()).isEqualTo(1);
        assertThat(f.distribution()).isNull();
    }

    @Test
    void aDistanceIsDrawnAgainstItsThresholdOnALinearScale() {
        FeatureDrift d = new FeatureDrift("region", "psi", 0.3, null, 0.2, true, 500, 500, null, FeatureDrift.DISTANCE, 1.0);
        DriftPage.Feature f = DriftPage.feature(d, List.of(window(0, d)));
        assertThat(f.overTime().logY()).isFalse();
        assertThat(f.overTime().series().get(0).values()).containsExactly(0.3);
        assertThat(f.overTime().series().get(1).values()).containsExactly(0.2);
    }

    @Test
    void theLatestWindowsHistogramPutsTheReferenceBesideTheWindowPerBin() {
        Histogram numeric = Histogram.numeric(new double[] {0, 1.5, 250, 1e6}, new double[] {0.3, 0.3, 0.4},
                new double[] {0.1, 0.1, 0.8});
        FeatureDrift f = ks(0.01, true).withHistogram(numeric);
        DriftPage.Feature page = DriftPage.feature(f, List.of(window(0, f)));
        assertThat(page.distribution().categories()).as("labelled by lower edge").containsExactly("0.00", "1.50", "250");
        assertThat(page.bins()).extracting(DriftPage.Bin::label).containsExactly("0.00–1.50", "1.50–250", "250–1.0e+06");
        assertThat(page.bins()).extracting(DriftPage.Bin::current).containsExactly(0.1, 0.1, 0.8);
        Histogram categorical = Histogram.categorical(List.of("north", ""), new double[] {1, 0}, new double[] {0.5, 0.5});
        assertThat(DriftPage.binNames(categorical)).containsExactly("north", "(missing)");
        // a malformed event's histogram is not drawn rather than failing the page
        Histogram malformed = new Histogram(List.of(0.0, 1.0), null, List.of(0.5, 0.5), List.of(1.0));
        assertThat(DriftPage.drawable(malformed)).isFalse();
        assertThat(DriftPage.drawable(new Histogram(null, null, List.of(1.0), List.of(1.0)))).isFalse();
        assertThat(DriftPage.feature(f.withHistogram(malformed), List.of()).distribution()).isNull();
        assertThat(DriftPage.drawable(numeric)).isTrue();
    }

    @Test
    void theConceptSignalIsDrawnFromTheLabelWindowsThatCarryOneAlarmsMarked() {
        DriftStats none = labels(0, null);
        DriftStats quiet = labels(1, new ConceptSignal("ddm", 1, 300, 0.2, 0.25, 0.3, ConceptSignal.NONE, 0));
        DriftStats alarm = labels(2, new ConceptSignal("ddm", 1, 600, 0.35, 0.4, 0.3, ConceptSignal.DRIFT, 1));
        Chart c = DriftPage.conceptChart(List.of(none, quiet, alarm));
        assertThat(c.xs()).hasSize(2);
        assertThat(c.series().get(0).values()).containsExactly(0.2, 0.35);
        assertThat(c.series().get(3).values()).containsExactly(null, 0.4);
    }

    @Test
    void aRedriveFormMustComeFromTheConsolesOwnOrigin() {
        assertThat(DeadLettersPage.sameHost("http://localhost:8086", "localhost:8086")).isTrue();
        assertThat(DeadLettersPage.sameHost("https://console.example/", "console.example")).isTrue();
        assertThat(DeadLettersPage.sameHost("http://evil.example", "localhost:8086")).isFalse();
        assertThat(DeadLettersPage.sameHost("http://localhost:8087", "localhost:8086")).isFalse();
        assertThat(DeadLettersPage.sameHost("garbage", "localhost:8086")).isFalse();
        assertThat(DeadLettersPage.sameHost("null", "localhost:8086")).as("a sandboxed frame's origin").isFalse();
    }

    @Test
    void trainingCurvesAreAlignedByEpoch() {
        var p = new io.driftloop.contracts.events.TrainingProgress("p", "d", "m", "sha256:abcdef1234", 2, 10, 0.5, 0.4, T,
                0.9, List.of());
        Chart c = ModelPage.curvesChart(java.util.Map.of("sha256:abcdef1234", List.of(p)));
        assertThat(c.xs()).containsExactly(1.0, 2.0);
        assertThat(c.series().get(0).values()).isEqualTo(Arrays.asList(null, 0.4));
        assertThat(c.series().get(0).label()).isEqualTo("abcdef12");
    }

    static FeatureDrift ks(double adjusted, boolean drifted) {
        return new FeatureDrift("age", "ks", 0.2, adjusted, 0.05, drifted, 500, 500, adjusted, FeatureDrift.P_VALUE, 1.0);
    }

    static DriftStats window(int i, FeatureDrift f) {
        return new DriftStats("w" + i, "m", 1, T.plusSeconds(i * 10L), T.plusSeconds(i * 10L + 10), 500, List.of(f),
                f.drifted() ? 1 : 0, 0.5, f.drifted(), T.plusSeconds(i * 10L + 10), "benjamini-hochberg");
    }

    static DriftStats labels(int i, ConceptSignal concept) {
        return new DriftStats("l" + i, "m", 1, T.plusSeconds(i * 10L), T.plusSeconds(i * 10L + 10), 300, List.of(), 0, 1,
                false, T.plusSeconds(i * 10L + 10), null, null, DriftStats.LABELS, null, null, null, concept);
    }
}
