package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictOutcomeTest {

    static GateResult passed() {
        return new GateResult("minimum.accuracy", "accuracy", 0.9, 0.6, true, "passed");
    }

    static GateResult failed() {
        return new GateResult("minimum.rocAuc", "rocAuc", 0.5, 0.6, false, "failed");
    }

    static GateResult undecided() {
        return new GateResult("fairness.x.g", "x.g", 0, 0.2, false, "undefined", "fairness", null, null, null, null,
                true);
    }

    @Test
    void everyGatePassedIsAPass() {
        assertThat(Evaluator.outcome(List.of(passed(), passed()))).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aGateThatFailedOnAMeasuredFigureFailsTheCandidateWhateverElseWasUndecided() {
        assertThat(Evaluator.outcome(List.of(passed(), failed()))).isEqualTo(Verdict.FAILED);
        assertThat(Evaluator.outcome(List.of(undecided(), failed(), passed()))).isEqualTo(Verdict.FAILED);
    }

    @Test
    void gatesThatCouldNotBeMeasuredAndNoneFailedLeaveTheVerdictUndecidable() {
        assertThat(Evaluator.outcome(List.of(passed(), undecided()))).isEqualTo(Verdict.UNDECIDABLE);
        assertThat(Evaluator.outcome(List.of(undecided()))).isEqualTo(Verdict.UNDECIDABLE);
    }

    @Test
    void aTestSplitWithoutRowsIsUndecidableNotAFailure() {
        GateResult noRows = Gates.undecidable(Gates.TEST_SPLIT, "testRows", "dataset d has no test rows").result();
        assertThat(noRows.passed()).isFalse();
        assertThat(noRows.notDecided()).isTrue();
        assertThat(Evaluator.outcome(List.of(noRows))).isEqualTo(Verdict.UNDECIDABLE);
        assertThat(Evaluator.outcome(List.of(Gates.unavailable(Gates.DATASET, "datasetReadable", "gone").result())))
                .isEqualTo(Verdict.FAILED);
    }
}
