package io.driftloop.contracts.spec;

/**
 * One quality gate declared in {@code gates.quality}.
 *
 * @param metric    the metric held
 * @param kind      how it is held
 * @param threshold the bound of a {@link GateKind#MINIMUM} or {@link GateKind#MAXIMUM} gate
 * @param margin    the margin of a {@link GateKind#NON_INFERIORITY} (required) or {@link GateKind#SUPERIORITY}
 *                  (default 0) gate, in the metric's units
 * @param on        point estimate (default) or the conservative end of the interval
 */
public record QualityGate(QualityMetric metric, GateKind kind, Double threshold, Double margin, GateBound on) {

    QualityGate withDefaults() {
        return new QualityGate(metric, kind, threshold,
                margin == null && kind == GateKind.SUPERIORITY ? Double.valueOf(0.0) : margin,
                on == null ? GateBound.POINT : on);
    }
}
