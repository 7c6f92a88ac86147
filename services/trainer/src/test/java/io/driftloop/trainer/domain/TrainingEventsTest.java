package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.SplitCounts;
import io.driftloop.contracts.events.TrainingProgress;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.model.TrialReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingEventsTest {

    static final String CANDIDATE = "sha256:" + "d".repeat(64);
    static final String SPEC_HASH = "sha256:" + "c".repeat(64);
    static final Instant AT = Instant.parse("2026-11-23T12:04:00Z");
    static final ArtifactRef DATASET = new ArtifactRef("file:///a/aa", "a".repeat(64), "driftloop-dataset");
    static final ArtifactRef PROFILE = new ArtifactRef("file:///a/bb", "b".repeat(64), "driftloop-profile");
    static final DatasetReady READY = new DatasetReady("ready-1", "request-1", "churn", "sha256:" + "a".repeat(64),
            DATASET, PROFILE, "sha256:" + "9".repeat(64), List.of(new OffsetRange("ct.examples.v1", 2, 10, 300)),
            new SplitCounts(200, 50, 40), RetrainTrigger.DRIFT, "drift: 2 of 4 features drifted", AT.minusSeconds(60));
    static final Candidate TRAINED = new Candidate(CANDIDATE, SPEC_HASH,
            new ModelArtifact("churn", CANDIDATE, new FeatureEncoding(List.of()), new byte[0]),
            Map.of("hiddenLayers", List.of(8), "epochsRun", 6), 42L, Map.of("validationLoss", 0.4));

    @Test
    void aProgressEventNamesItsCandidateEpochAndCause() {
        TrainingProgress progress = TrainingEvents.progress(READY, CANDIDATE, new EpochReport(3, 40, 0.52, 0.55, true), AT);
        assertThat(progress).isEqualTo(new TrainingProgress(TrainingEvents.progressEventId(CANDIDATE, 3), "ready-1",
                "churn", CANDIDATE, 3, 40, 0.52, 0.55, AT));
    }

    @Test
    void progressIdsAreDeterministicPerCandidateAndEpoch() {
        assertThat(TrainingEvents.progressEventId(CANDIDATE, 3)).isEqualTo(TrainingEvents.progressEventId(CANDIDATE, 3))
                .isNotEqualTo(TrainingEvents.progressEventId(CANDIDATE, 4))
                .isNotEqualTo(TrainingEvents.trainedEventId(CANDIDATE));
    }

    @Test
    void modelTrainedCopiesTheLineageOfItsDatasetAndCarriesTheSpecHashActuallyUsed() {
        ArtifactRef artifact = new ArtifactRef("file:///a/ee", "e".repeat(64), ModelArtifact.FORMAT);
        ArtifactRef report = new ArtifactRef("file:///a/dd", "d".repeat(64), TrialReport.FORMAT);
        ModelTrained trained = TrainingEvents.trained(READY, TRAINED, artifact, report, "0.1.0", AT).validate();
        assertThat(trained.trialReport()).isEqualTo(report);
        assertThat(trained.eventId()).isEqualTo(TrainingEvents.trainedEventId(CANDIDATE));
        assertThat(trained.causationId()).isEqualTo("ready-1");
        assertThat(trained.datasetId()).isEqualTo(READY.datasetId());
        assertThat(trained.dataset()).isEqualTo(DATASET);
        assertThat(trained.profile()).isEqualTo(PROFILE);
        assertThat(trained.offsets()).isEqualTo(READY.offsets());
        assertThat(trained.trigger()).isEqualTo(RetrainTrigger.DRIFT);
        assertThat(trained.reason()).isEqualTo(READY.reason());
        assertThat(trained.specHash()).isEqualTo(SPEC_HASH).isNotEqualTo(READY.specHash());
        assertThat(trained.artifact()).isEqualTo(artifact);
        assertThat(trained.seed()).isEqualTo(42L);
        assertThat(trained.codeVersion()).isEqualTo("0.1.0");
        assertThat(trained.hyperparameters()).isEqualTo(TRAINED.hyperparameters());
        assertThat(trained.trainingMetrics()).isEqualTo(TRAINED.metrics());
        assertThat(trained.trainedAt()).isEqualTo(AT);
        assertThat(Json.decode(Json.encode(trained), ModelTrained.class)).isEqualTo(trained);
    }

    @Test
    void theSameCandidateAlwaysGetsTheSameEventId() {
        assertThat(TrainingEvents.trainedEventId(CANDIDATE)).isEqualTo(TrainingEvents.trainedEventId(CANDIDATE))
                .isNotEqualTo(TrainingEvents.trainedEventId("sha256:" + "f".repeat(64)));
    }
}
