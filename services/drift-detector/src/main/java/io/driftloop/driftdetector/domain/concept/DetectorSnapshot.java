package io.driftloop.driftdetector.domain.concept;

import java.util.Objects;

/**
 * A detector's whole state as plain data, for checkpointing (it maps to JSON with
 * {@code io.driftloop.contracts.Json} and back without loss). Exactly the field of {@code kind} is
 * set; the others are null.
 */
public record DetectorSnapshot(DetectorKind kind, Adwin.State adwin, PageHinkley.State pageHinkley, Ddm.State ddm) {

    public DetectorSnapshot {
        Objects.requireNonNull(kind, "a detector snapshot needs its kind");
        int set = (adwin == null ? 0 : 1) + (pageHinkley == null ? 0 : 1) + (ddm == null ? 0 : 1);
        boolean own = switch (kind) {
            case ADWIN -> adwin != null;
            case PAGE_HINKLEY -> pageHinkley != null;
            case DDM -> ddm != null;
        };
        if (set != 1 || !own) {
            throw new IllegalArgumentException("a " + kind.id() + " snapshot must carry exactly the "
                    + kind.id() + " state");
        }
    }

    static DetectorSnapshot of(Adwin.State state) {
        return new DetectorSnapshot(DetectorKind.ADWIN, state, null, null);
    }

    static DetectorSnapshot of(PageHinkley.State state) {
        return new DetectorSnapshot(DetectorKind.PAGE_HINKLEY, null, state, null);
    }

    static DetectorSnapshot of(Ddm.State state) {
        return new DetectorSnapshot(DetectorKind.DDM, null, null, state);
    }
}
