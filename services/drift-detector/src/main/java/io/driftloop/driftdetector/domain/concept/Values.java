package io.driftloop.driftdetector.domain.concept;

import java.util.OptionalDouble;

/** Input checks and conversions shared by the detectors. */
final class Values {

    private Values() {
    }

    static double requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a detector's input must be a finite number, got " + value);
        }
        return value;
    }

    static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
