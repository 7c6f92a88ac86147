package io.driftloop.driftdetector.domain.concept;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Drift Detection Method of Gama, Medas, Castillo &amp; Rodrigues ("Learning with Drift
 * Detection", SBIA 2004), as MOA's {@code DDM} runs it, on a stream of errors (1 = wrong, 0 = right).
 *
 * <p>After {@code i} values the error rate is {@code p_i} with standard deviation
 * {@code s_i = sqrt(p_i (1 − p_i) / i)}. From the {@code (minInstances − 1)}-th value on, the pair
 * with the smallest {@code p + s} is remembered as {@code (p_min, s_min)}. From the
 * {@code minInstances}-th value on, {@code p_i + s_i > p_min + outControlLevel · s_min} signals
 * {@link Signal#DRIFT} (and the method starts afresh); otherwise
 * {@code p_i + s_i > p_min + warningLevel · s_min} signals {@link Signal#WARNING}. The error rate
 * before a drift is {@code p_min}, after it the rate {@code p_i} at the drift.
 *
 * <p>A known weakness of DDM: the minimum may be set by a lucky stretch among the first few hundred
 * values, so a stationary stream can raise a false drift early after a (re)start; once the rate is
 * estimated from thousands of values this stops.
 *
 * <p>Defaults (MOA): minInstances = 30, warning level 2.0, out-of-control level 3.0. Not thread-safe.
 */
public final class Ddm implements ConceptDriftDetector {

    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_WARNING_LEVEL = 2.0;
    public static final double DEFAULT_OUT_CONTROL_LEVEL = 3.0;

    /**
     * The plain state of a {@link Ddm}: {@code count} values seen, error rate {@code p} and its
     * deviation {@code s}, and the remembered minimum ({@code pMin}, {@code sMin},
     * {@code psMin = pMin + sMin}; the largest double while none). The last two fields describe the
     * most recent drift (null before the first).
     */
    public record State(
            int minInstances,
            double warningLevel,
            double outControlLevel,
            long count,
            double p,
            double s,
            double pMin,
            double sMin,
            double psMin,
            Double rateBefore,
            Double rateAfter) {
    }

    private final int minInstances;
    private final double warningLevel;
    private final double outControlLevel;

    private long count;
    private double p;
    private double s;
    private double pMin;
    private double sMin;
    private double psMin;
    private Double rateBefore;
    private Double rateAfter;

    /**
     * @param minInstances    values needed before a drift can be signalled, at least 1
     * @param warningLevel    standard deviations above the minimum that make a warning, positive
     * @param outControlLevel standard deviations above the minimum that make a drift, greater than {@code warningLevel}
     */
    public Ddm(int minInstances, double warningLevel, double outControlLevel) {
        if (minInstances < 1) {
            throw new IllegalArgumentException("DDM minInstances must be at least 1, got " + minInstances);
        }
        if (!(warningLevel > 0) || Double.isInfinite(warningLevel)) {
            throw new IllegalArgumentException("DDM warningLevel must be a positive number of standard deviations, got "
                    + warningLevel);
        }
        if (!(outControlLevel > warningLevel) || Double.isInfinite(outControlLevel)) {
            throw new IllegalArgumentException("DDM outControlLevel must be finite and greater than warningLevel ("
                    + warningLevel + "), got " + outControlLevel);
        }
        this.minInstances = minInstances;
        this.warningLevel = warningLevel;
        this.outControlLevel = outControlLevel;
        reset();
    }

    /** minInstances 30, warning at 2 and drift at 3 standard deviations (MOA, the paper). */
    public static Ddm defaults() {
        return new Ddm(DEFAULT_MIN_INSTANCES, DEFAULT_WARNING_LEVEL, DEFAULT_OUT_CONTROL_LEVEL);
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.DDM;
    }

    @Override
    public void reset() {
        count = 0;
        p = 0;
        s = 0;
        pMin = Double.MAX_VALUE;
        sMin = Double.MAX_VALUE;
        psMin = Double.MAX_VALUE;
    }

    /** @throws IllegalArgumentException unless {@code error} is in [0, 1] (an error indicator or rate) */
    @Override
    public Signal update(double error) {
        Values.requireFinite(error);
        if (error < 0 || error > 1) {
            throw new IllegalArgumentException("DDM monitors an error indicator in [0, 1], got " + error);
        }
        count++;
        p = p + (error - p) / count;
        s = Math.sqrt(p * (1 - p) / count);
        // MOA counts from 1 before the first value: the minimum is tracked from minInstances - 1
        // values on, a drift needs minInstances
        if (count + 1 < minInstances) {
            return Signal.NONE;
        }
        if (p + s <= psMin) {
            pMin = p;
            sMin = s;
            psMin = p + s;
        }
        if (count + 1 > minInstances && p + s > pMin + outControlLevel * sMin) {
            rateBefore = pMin;
            rateAfter = p;
            reset();
            return Signal.DRIFT;
        }
        return p + s > pMin + warningLevel * sMin ? Signal.WARNING : Signal.NONE;
    }

    @Override
    public long seen() {
        return count;
    }

    @Override
    public OptionalDouble estimate() {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(p);
    }

    /**
     * {@code p + s} and the drift level {@code p_min + outControlLevel · s_min} it must pass (null
     * until the minimum is tracked, from {@code minInstances − 1} values on); empty before the
     * first value after a (re)start.
     */
    @Override
    public Optional<DetectorStatistic> statistic() {
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(new DetectorStatistic(p + s, psMin == Double.MAX_VALUE ? null : pMin + outControlLevel * sMin));
    }

    /** The minimum error rate p_min before the most recent drift. */
    @Override
    public OptionalDouble meanBeforeLastDrift() {
        return Values.optional(rateBefore);
    }

    /** The error rate when the most recent drift was signalled. */
    @Override
    public OptionalDouble meanAfterLastDrift() {
        return Values.optional(rateAfter);
    }

    @Override
    public DetectorSnapshot snapshot() {
        return DetectorSnapshot.of(new State(minInstances, warningLevel, outControlLevel, count, p, s, pMin, sMin, psMin,
                rateBefore, rateAfter));
    }

    static Ddm restore(State st) {
        Ddm d = new Ddm(st.minInstances(), st.warningLevel(), st.outControlLevel());
        if (st.count() < 0) {
            throw new IllegalArgumentException("DDM snapshot count must not be negative, got " + st.count());
        }
        d.count = st.count();
        d.p = st.p();
        d.s = st.s();
        d.pMin = st.pMin();
        d.sMin = st.sMin();
        d.psMin = st.psMin();
        d.rateBefore = st.rateBefore();
        d.rateAfter = st.rateAfter();
        return d;
    }

    @Override
    public String toString() {
        return "DDM(minInstances=" + minInstances + ", warningLevel=" + warningLevel + ", outControlLevel="
                + outControlLevel + ", count=" + count + ")";
    }
}
