package io.driftloop.driftdetector.domain.concept;

import static io.driftloop.driftdetector.domain.concept.ErrorStreams.abrupt;
import static io.driftloop.driftdetector.domain.concept.ErrorStreams.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    /** Several concepts, so that checkpoints fall before, during and after drifts. */
    static final double[] ERRORS = concat(abrupt(1, 8_000, 0.1, 4_000, 0.45), abrupt(2, 4_000, 0.2, 4_000, 0.6));

    static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static ConceptDriftDetector throughJson(ConceptDriftDetector detector) {
        String json = Json.encode(detector.snapshot());
        return ConceptDriftDetector.restore(Json.decode(json, DetectorSnapshot.class));
    }

    @ParameterizedTest
    @EnumSource(DetectorKind.class)
    void aDetectorRestoredFromItsJsonSnapshotSignalsExactlyWhatTheOriginalWould(DetectorKind kind) {
        List<Signal> uninterrupted = run(kind.withDefaults(), ERRORS);
        assertThat(uninterrupted).contains(Signal.DRIFT);

        for (int stop : new int[] {0, 1, 31, 32, 1_000, 8_013, 8_100, 8_500, 13_777, 19_999}) {
            ConceptDriftDetector first = kind.withDefaults();
            List<Signal> resumed = new ArrayList<>();
            for (int i = 0; i < stop; i++) {
                resumed.add(first.update(ERRORS[i]));
            }
            ConceptDriftDetector second = throughJson(first);
            assertThat(second.snapshot()).usingRecursiveComparison().isEqualTo(first.snapshot());
            for (int i = stop; i < ERRORS.length; i++) {
                resumed.add(second.update(ERRORS[i]));
            }
            assertThat(resumed).as("%s resumed at %d", kind, stop).isEqualTo(uninterrupted);
            assertThat(second.estimate()).isEqualTo(runAll(kind).estimate());
        }
    }

    static ConceptDriftDetector runAll(DetectorKind kind) {
        ConceptDriftDetector d = kind.withDefaults();
        run(d, ERRORS);
        return d;
    }

    @ParameterizedTest
    @EnumSource(DetectorKind.class)
    void aSnapshotKeepsTheDetectorsParametersAndKind(DetectorKind kind) {
        DetectorSnapshot snapshot = kind.withDefaults().snapshot();

        assertThat(snapshot.kind()).isEqualTo(kind);
        assertThat(ConceptDriftDetector.restore(snapshot).kind()).isEqualTo(kind);
        assertThat(Json.decode(Json.encode(snapshot), DetectorSnapshot.class)).usingRecursiveComparison()
                .isEqualTo(snapshot);
    }

    @Test
    void aSnapshotMustCarryTheStateOfItsKind() {
        DetectorSnapshot ddm = Ddm.defaults().snapshot();

        assertThatThrownBy(() -> new DetectorSnapshot(DetectorKind.ADWIN, null, null, ddm.ddm()))
                .hasMessage("a adwin snapshot must carry exactly the adwin state");
        assertThatThrownBy(() -> new DetectorSnapshot(DetectorKind.DDM, Adwin.defaults().snapshot().adwin(), null,
                ddm.ddm())).hasMessage("a ddm snapshot must carry exactly the ddm state");
        assertThatThrownBy(() -> Json.decode("{\"kind\":\"PAGE_HINKLEY\"}", DetectorSnapshot.class))
                .hasMessageContaining("page-hinkley snapshot must carry exactly the page-hinkley state");
    }

    @Test
    void kindsAreNamedInConfigurationByTheirIds() {
        assertThat(DetectorKind.of("adwin")).isEqualTo(DetectorKind.ADWIN);
        assertThat(DetectorKind.of(" ADWIN ")).isEqualTo(DetectorKind.ADWIN);
        assertThat(DetectorKind.of("page-hinkley")).isEqualTo(DetectorKind.PAGE_HINKLEY);
        assertThat(DetectorKind.of("page_hinkley")).isEqualTo(DetectorKind.PAGE_HINKLEY);
        assertThat(DetectorKind.of("ph")).isEqualTo(DetectorKind.PAGE_HINKLEY);
        assertThat(DetectorKind.of("DDM")).isEqualTo(DetectorKind.DDM);
        assertThatThrownBy(() -> DetectorKind.of("eddm"))
                .hasMessage("unknown concept-drift detector 'eddm'; expected one of adwin, page-hinkley, ddm");
        assertThatThrownBy(() -> DetectorKind.of(null)).hasMessageContaining("unknown concept-drift detector 'null'");
    }

    @ParameterizedTest
    @EnumSource(DetectorKind.class)
    void eachKindMakesADetectorOfItsKind(DetectorKind kind) {
        assertThat(kind.withDefaults().kind()).isEqualTo(kind);
        assertThat(kind.withDefaults().seen()).isZero();
    }
}
