package io.driftloop.driftdetector.domain.concept;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Watches, per model, the error stream of the current champion for concept drift: each labelled
 * example served by the champion adds 1 (wrong prediction) or 0 (right) to one detector of the
 * configured kind.
 *
 * <ul>
 *   <li>Examples served by another version (a challenger, a champion's predecessor whose labels
 *       arrive late) are not judged, only counted.</li>
 *   <li>A new champion resets the model: a fresh detector, counters at zero. The first
 *       {@link ConceptDriftPolicy#gracePeriod()} examples after a reset are counted, not judged.</li>
 *   <li>Every detector signals only rises of the error rate (ADWIN re-bases silently on a fall).
 *       A drift is an {@link Alarm}; the detector re-bases itself and keeps watching the same
 *       champion, so a lasting change can raise several alarms until the champion changes.
 *       Folding them into one retraining is the retrain policy's job.</li>
 *   <li>{@link #snapshot(String)} and {@link #restore(MonitorSnapshot)} checkpoint one model; a
 *       restored monitor continues exactly as the original would have.</li>
 * </ul>
 * Not thread-safe: one caller at a time (the service feeds it from one consumer thread).
 */
public final class ConceptDriftMonitor {

    private static final class Watch {
        int champion;
        ConceptDriftDetector detector;
        long seen;
        long ignored;
        long alarms;
        boolean warning;
    }

    private final ConceptDriftPolicy policy;
    private final Supplier<ConceptDriftDetector> detectors;
    private final Map<String, Watch> watches = new HashMap<>();

    /** A monitor whose detectors are {@code policy}'s kind with default parameters. */
    public ConceptDriftMonitor(ConceptDriftPolicy policy) {
        this(policy, Objects.requireNonNull(policy, "policy").detector()::withDefaults);
    }

    /**
     * A monitor whose detectors come from {@code detectors} (for parameters other than the
     * defaults); each call must return a new detector of {@code policy}'s kind.
     */
    public ConceptDriftMonitor(ConceptDriftPolicy policy, Supplier<ConceptDriftDetector> detectors) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.detectors = Objects.requireNonNull(detectors, "detectors");
    }

    public ConceptDriftPolicy policy() {
        return policy;
    }

    /**
     * Judges one labelled example of {@code model}.
     *
     * @param championVersion the model's champion now; a version other than the one watched resets the model first
     * @param servedVersion   the version that made the prediction; another than the champion is ignored and counted
     * @param wrong           whether the prediction was wrong
     * @return the alarm, if this example completes a drift of the champion's error rate
     */
    public Optional<Alarm> observe(String model, int championVersion, int servedVersion, boolean wrong) {
        Watch w = watch(model, championVersion);
        if (servedVersion != w.champion) {
            w.ignored++;
            return Optional.empty();
        }
        w.seen++;
        if (w.seen <= policy.gracePeriod()) {
            return Optional.empty();
        }
        Signal signal = w.detector.update(wrong ? 1 : 0);
        w.warning = signal == Signal.WARNING;
        if (signal != Signal.DRIFT) {
            return Optional.empty();
        }
        w.alarms++;
        return Optional.of(new Alarm(model, w.champion, w.detector.kind().id(), w.seen,
                value(w.detector.meanBeforeLastDrift()), value(w.detector.meanAfterLastDrift())));
    }

    /**
     * Records that {@code version} is {@code model}'s champion. A different version than the one
     * watched resets the model (fresh detector, counters at zero).
     *
     * @return whether the model was reset
     */
    public boolean championChanged(String model, int version) {
        Watch w = watches.get(Objects.requireNonNull(model, "model"));
        if (w != null && w.champion == version) {
            return false;
        }
        watches.put(model, fresh(version));
        return true;
    }

    /**
     * What is known about {@code model}, if anything: a read-only view, a copy of the counters and
     * of the detector's estimate and statistic now; watching goes on unchanged.
     */
    public Optional<ModelWatch> watch(String model) {
        Watch w = watches.get(model);
        if (w == null) {
            return Optional.empty();
        }
        Optional<DetectorStatistic> statistic = w.detector.statistic();
        return Optional.of(new ModelWatch(model, w.champion, w.detector.kind().id(), w.seen, w.ignored, w.alarms,
                w.warning, value(w.detector.estimate()), statistic.map(DetectorStatistic::value).orElse(null),
                statistic.map(DetectorStatistic::threshold).orElse(null)));
    }

    /** The models watched, sorted. */
    public Set<String> models() {
        return new TreeSet<>(watches.keySet());
    }

    /** Stops watching {@code model}. */
    public void forget(String model) {
        watches.remove(model);
    }

    /** {@code model}'s whole state as plain data, if it is watched. */
    public Optional<MonitorSnapshot> snapshot(String model) {
        Watch w = watches.get(model);
        if (w == null) {
            return Optional.empty();
        }
        return Optional.of(new MonitorSnapshot(model, w.champion, w.seen, w.ignored, w.alarms,
                w.warning, w.detector.snapshot()));
    }

    /**
     * Resumes {@code snapshot}'s model from it, replacing what was known. A checkpoint made with
     * another kind of detector than the policy's (the configuration changed) is not used: the model
     * starts afresh with its champion, as after a champion change.
     *
     * @return whether the checkpointed state was used
     */
    public boolean restore(MonitorSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (snapshot.detector().kind() != policy.detector()) {
            watches.put(snapshot.model(), fresh(snapshot.championVersion()));
            return false;
        }
        Watch w = new Watch();
        w.champion = snapshot.championVersion();
        w.detector = ConceptDriftDetector.restore(snapshot.detector());
        w.seen = snapshot.seen();
        w.ignored = snapshot.ignored();
        w.alarms = snapshot.alarms();
        w.warning = snapshot.warning();
        watches.put(snapshot.model(), w);
        return true;
    }

    private Watch watch(String model, int champion) {
        championChanged(model, champion);
        return watches.get(model);
    }

    private Watch fresh(int champion) {
        ConceptDriftDetector detector = detectors.get();
        if (detector == null || detector.kind() != policy.detector()) {
            throw new IllegalStateException("the detector factory must make new " + policy.detector().id()
                    + " detectors, made " + (detector == null ? "none" : detector.kind().id()));
        }
        Watch w = new Watch();
        w.champion = champion;
        w.detector = detector;
        return w;
    }

    private static Double value(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }
}
