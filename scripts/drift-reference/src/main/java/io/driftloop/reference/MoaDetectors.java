package io.driftloop.reference;

import io.driftloop.driftdetector.domain.concept.DetectorKind;
import moa.classifiers.core.driftdetection.ADWINChangeDetector;
import moa.classifiers.core.driftdetection.AbstractChangeDetector;
import moa.classifiers.core.driftdetection.DDM;
import moa.classifiers.core.driftdetection.PageHinkleyDM;

/** MOA's counterparts of the drift-detector's detectors, with MOA's default options. */
public final class MoaDetectors {

    private MoaDetectors() {
    }

    /** A new MOA detector of {@code kind}, defaults prepared for use. */
    public static AbstractChangeDetector of(DetectorKind kind) {
        AbstractChangeDetector detector = switch (kind) {
            case ADWIN -> new ADWINChangeDetector();
            case PAGE_HINKLEY -> new PageHinkleyDM();
            case DDM -> new DDM();
        };
        detector.prepareForUse();
        return detector;
    }
}
