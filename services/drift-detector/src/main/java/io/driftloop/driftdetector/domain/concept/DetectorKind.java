package io.driftloop.driftdetector.domain.concept;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The concept-drift detectors there are, each with its configuration name. */
public enum DetectorKind {
    ADWIN("adwin"),
    PAGE_HINKLEY("page-hinkley"),
    DDM("ddm");

    private final String id;

    DetectorKind(String id) {
        this.id = id;
    }

    /** The name used in configuration, snapshots and alarms: {@code adwin}, {@code page-hinkley}, {@code ddm}. */
    public String id() {
        return id;
    }

    /** A new detector of this kind with its default parameters. */
    public ConceptDriftDetector withDefaults() {
        return switch (this) {
            case ADWIN -> Adwin.defaults();
            case PAGE_HINKLEY -> PageHinkley.defaults();
            case DDM -> Ddm.defaults();
        };
    }

    /** The kind named {@code id} (case-insensitive; {@code page_hinkley} and {@code ph} accepted). */
    public static DetectorKind of(String id) {
        if (id != null) {
            String normal = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            if (normal.equals("ph")) {
                return PAGE_HINKLEY;
            }
            for (DetectorKind k : values()) {
                if (k.id.equals(normal)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown concept-drift detector '" + id + "'; expected one of "
                + Arrays.stream(values()).map(DetectorKind::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
