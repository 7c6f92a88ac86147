package io.driftloop.driftdetector.domain.concept;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Page-Hinkley test (Page, "Continuous Inspection Schemes", Biometrika 1954) for an increase of
 * the mean, with a fading factor, as MOA's {@code PageHinkleyDM} (release 2024.07) runs it.
 *
 * <p>With {@code x̄_t} the mean of the values so far, the cumulative deviation is
 * {@code m_t = α · m_{t−1} + (x_t − x̄_t − δ)}, starting from {@code m_0 = 0}. Once
 * {@code minInstances − 1} values have been seen, {@code m_t > λ} signals {@link Signal#DRIFT},
 * after which the test starts afresh. {@code δ} is the magnitude of change tolerated, {@code λ}
 * the alarm threshold, {@code α} (just below 1) lets old deviations fade. Only increases are
 * detected, which for an error stream is what matters.
 *
 * <p>The textbook test compares {@code m_t} with its running minimum {@code M_t} instead of with 0.
 * On a stationary stream {@code m_t} settles near {@code −δ/(1 − α)} (−50 with the defaults), so
 * the form used here needs a rise of about {@code λ + δ/(1 − α)} and raises far fewer false alarms
 * with the default {@code λ}; it is also the form MOA's released detector uses, which lets the two
 * be compared index for index.
 *
 * <p>At a drift the last minimum of {@code m} is taken as the change point: the mean before the
 * drift is that of the values up to it, the mean after that of the values since.
 *
 * <p>Defaults (MOA): minInstances = 30, δ = 0.005, λ = 50, α = 1 − 0.0001. Not thread-safe.
 */
public final class PageHinkley implements ConceptDriftDetector {

    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_DELTA = 0.005;
    public static final double DEFAULT_LAMBDA = 50;
    public static final double DEFAULT_ALPHA = 1 - 0.0001;

    /**
     * The plain state of a {@link PageHinkley}: {@code count} values seen, their {@code mean} and
     * {@code total}, the cumulative deviation {@code sum} and its minimum {@code minSum} (the largest
     * double before the first value), and how many values / what total had been seen when it was
     * reached. The last two fields describe the most recent drift (null before the first).
     */
    public record State(
            int minInstances,
            double delta,
            double lambda,
            double alpha,
            long count,
            double mean,
            double total,
            double sum,
            double minSum,
            long countAtMin,
            double totalAtMin,
            Double meanBefore,
            Double meanAfter) {
    }

    private final int minInstances;
    private final double delta;
    private final double lambda;
    private final double alpha;

    private long count;
    private double mean;
    private double total;
    private double sum;
    private double minSum;
    private long countAtMin;
    private double totalAtMin;
    private Double meanBefore;
    private Double meanAfter;

    /**
     * @param minInstances values needed (plus one) before a drift can be signalled, at least 1
     * @param delta        magnitude of change tolerated, in [0, 1]
     * @param lambda       alarm threshold on the cumulative deviation, greater than 0
     * @param alpha        fading factor of the cumulative deviation, in (0, 1]
     */
    public PageHinkley(int minInstances, double delta, double lambda, double alpha) {
        if (minInstances < 1) {
            throw new IllegalArgumentException("Page-Hinkley minInstances must be at least 1, got " + minInstances);
        }
        if (!(delta >= 0 && delta <= 1)) {
            throw new IllegalArgumentException("Page-Hinkley delta must be in [0, 1], got " + delta);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("Page-Hinkley lambda must be a positive finite threshold, got " + lambda);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("Page-Hinkley alpha must be in (0, 1], got " + alpha);
        }
        this.minInstances = minInstances;
        this.delta = delta;
        this.lambda = lambda;
        this.alpha = alpha;
        reset();
    }

    /** minInstances 30, δ 0.005, λ 50, α 1 − 0.0001 (MOA). */
    public static PageHinkley defaults() {
        return new PageHinkley(DEFAULT_MIN_INSTANCES, DEFAULT_DELTA, DEFAULT_LAMBDA, DEFAULT_ALPHA);
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.PAGE_HINKLEY;
    }

    @Override
    public void reset() {
        count = 0;
        mean = 0;
        total = 0;
        sum = 0;
        minSum = Double.MAX_VALUE;
        countAtMin = 0;
        totalAtMin = 0;
    }

    @Override
    public Signal update(double x) {
        Values.requireFinite(x);
        count++;
        total += x;
        mean = mean + (x - mean) / count;
        sum = alpha * sum + (x - mean - delta);
        if (sum <= minSum) {
            minSum = sum;
            countAtMin = count;
            totalAtMin = total;
        }
        // MOA counts from 1 before the first value, so the test starts at minInstances - 1 values
        if (count + 1 < minInstances || !(sum > lambda)) {
            return Signal.NONE;
        }
        meanBefore = totalAtMin / countAtMin;
        meanAfter = count == countAtMin ? x : (total - totalAtMin) / (count - countAtMin);
        reset();
        return Signal.DRIFT;
    }

    @Override
    public long seen() {
        return count;
    }

    @Override
    public OptionalDouble estimate() {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(mean);
    }

    /**
     * The cumulative deviation {@code m_t} and λ, which it must pass for a drift (once
     * {@code minInstances − 1} values were seen); empty before the first value after a (re)start.
     */
    @Override
    public Optional<DetectorStatistic> statistic() {
        return count == 0 ? Optional.empty() : Optional.of(new DetectorStatistic(sum, lambda));
    }

    /** The mean of the values up to the last minimum of the cumulative deviation before the most recent drift. */
    @Override
    public OptionalDouble meanBeforeLastDrift() {
        return Values.optional(meanBefore);
    }

    /** The mean of the values after that minimum, up to the drift. */
    @Override
    public OptionalDouble meanAfterLastDrift() {
        return Values.optional(meanAfter);
    }

    @Override
    public DetectorSnapshot snapshot() {
        return DetectorSnapshot.of(new State(minInstances, delta, lambda, alpha, count, mean, total, sum, minSum,
                countAtMin, totalAtMin, meanBefore, meanAfter));
    }

    static PageHinkley restore(State s) {
        PageHinkley p = new PageHinkley(s.minInstances(), s.delta(), s.lambda(), s.alpha());
        if (s.count() < 0 || s.countAtMin() < 0 || s.countAtMin() > s.count()) {
            throw new IllegalArgumentException("Page-Hinkley snapshot counts are inconsistent: count " + s.count()
                    + ", countAtMin " + s.countAtMin());
        }
        p.count = s.count();
        p.mean = s.mean();
        p.total = s.total();
        p.sum = s.sum();
        p.minSum = s.minSum();
        p.countAtMin = s.countAtMin();
        p.totalAtMin = s.totalAtMin();
        p.meanBefore = s.meanBefore();
        p.meanAfter = s.meanAfter();
        return p;
    }

    @Override
    public String toString() {
        return "PageHinkley(minInstances=" + minInstances + ", delta=" + delta + ", lambda=" + lambda + ", alpha="
                + alpha + ", count=" + count + ")";
    }
}
