package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorecardTest {

    private static DatasetRow row(int label, String gender) {
        return new DatasetRow("r", 0, 0, Split.TEST, Map.of(), gender == null ? Map.of() : Map.of("gender", gender), label);
    }

    @Test
    void publishesAccuracyRocAucAndOneParityDifferencePerSensitiveAttribute() {
        List<DatasetRow> rows = List.of(row(0, "f"), row(0, "m"), row(1, "f"), row(1, "m"));
        Scorecard card = Scorecard.of(rows, new double[]{0.1, 0.6, 0.7, 0.9}, List.of("gender"), 1);
        // predictions 0,1,1,1: accuracy 3/4; f rate 1/2, m rate 2/2
        assertThat(card.metrics()).containsOnlyKeys("accuracy", "rocAuc", "demographicParityDifference.gender");
        assertThat(card.metrics()).containsEntry("accuracy", 0.75).containsEntry("rocAuc", 1.0)
                .containsEntry("demographicParityDifference.gender", 0.5);
        assertThat(card.rows()).isEqualTo(4);
    }

    @Test
    void anUndefinedRocAucIsLeftOutOfThePublishedMetrics() {
        Scorecard card = Scorecard.of(List.of(row(1, "f"), row(1, "m")), new double[]{0.2, 0.9}, List.of(), 20);
        assertThat(card.rocAuc()).isNaN();
        assertThat(card.metrics()).containsOnlyKeys("accuracy");
    }

    @Test
    void rowsWithoutAttributesCountAsTheMissingGroup() {
        Scorecard card = Scorecard.of(List.of(row(1, null), row(0, "f")), new double[]{0.9, 0.1}, List.of("gender"), 1);
        assertThat(card.parity().get("gender").groups()).extracting(GroupRate::group)
                .containsExactly(DemographicParity.MISSING, "f");
    }

    @Test
    void probabilitiesMustMatchTheRows() {
        assertThatThrownBy(() -> Scorecard.of(List.of(row(1, "f")), new double[0], List.of(), 20))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
