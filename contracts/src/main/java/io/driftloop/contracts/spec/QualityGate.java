package io.driftloop.contracts.spec;

/**
 * One quality gate declared in {@code gates.quality}.
 *
 * @param metric    the metric held
 * @param kind      how it is held
 * @param threshold the bound of a {@link GateKind#MINIMUM} or {@link GateKind#MAXIMUM} gate
 * @param margin    the margin of a {@link GateKind#NON_INFERIORITY} (required), {@link GateKind#SUPERIORITY}
 *                  (default 0) or {@link GateKind#BEATS_BASELINE} (optional; absent holds as 0) gate, in the
 *                  metric's units, finite and at least 0
 * @param on        point estimate or the conservative end of the two-sided interval at the spec's
 *                  confidence; default {@link GateBound#INTERVAL} for {@link GateKind#NON_INFERIORITY} and
 *                  {@link GateKind#SUPERIORITY} (a comparison with the champion is claimed "with the chosen
 *                  confidence"), {@link GateBound#POINT} for the other kinds
 */
public record QualityGate(QualityMetric metric, GateKind kind, Double threshold, Double margin, GateBound on) {

    QualityGate withDefaults() {
        return new QualityGate(metric, kind, threshold,
                margin == null && kind == GateKind.SUPERIORITY ? Double.valueOf(0.0) : margin,
                on != null ? on
                        : kind == GateKind.NON_INFERIORITY || kind == GateKind.SUPERIORITY ? GateBound.INTERVAL
                        : GateBound.POINT);
    }
}
