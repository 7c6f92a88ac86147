package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.Adaptation;
import io.driftloop.contracts.events.ConceptSignal;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.DriftSpec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.domain.concept.Alarm;
import io.driftloop.driftdetector.domain.concept.ConceptDriftMonitor;
import io.driftloop.driftdetector.domain.concept.ConceptDriftPolicy;
import io.driftloop.driftdetector.domain.concept.ModelWatch;
import java.time.Clock;
import java.util.Base64;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The drift-detector's core: one {@link Window} per model filled from inference events, evaluated
 * against the champion's reference profile when full and then replaced by a new one, and the
 * {@link RetrainPolicy} that turns drifted windows and labelled-example counts into retraining
 * requests. A full window of a model without a champion (or whose champion has no usable profile,
 * or changed while the window filled) is discarded. Thread-safe: every method is synchronized.
 */
public final class DriftMonitor {

    /** Where the reference profile of a champion comes from (an artifact store, in production). */
    @FunctionalInterface
    public interface References {
        /** The champion's reference profile, or empty when it has none or it cannot be read. */
        Optional<ReferenceProfile> profileOf(ModelPromoted champion);
    }

    /** What became of one inference event. */
    public enum Status {
        /** Added to the model's window, which is not full yet. */
        COUNTED,
        /** Its request id is already in the window: no effect. */
        DUPLICATE,
        /** It completed the window, which was evaluated. */
        EVALUATED,
        /** It completed the window, discarded because the model has no champion. */
        DISCARDED_NO_CHAMPION,
        /** It completed the window, discarded because the champion's profile is missing or unreadable. */
        DISCARDED_NO_PROFILE,
        /** It completed the window, discarded because the champion changed while it filled. */
        DISCARDED_CHAMPION_CHANGED
    }

    /** The status, and for an evaluated window its statistics and the policy's decision. */
    public record Outcome(Status status, Optional<DriftStats> stats, Optional<Decision> decision) {

        static Outcome of(Status status) {
            return new Outcome(status, Optional.empty(), Optional.empty());
        }
    }

    /**
     * What a checkpoint keeps of one model: its open window (null when none), its hysteresis count,
     * and the champion's score baseline (its first window's scores, base64 of a KLL sketch; null when none).
     */
    public record ModelState(Window.Snapshot window, RetrainPolicy.Streak streak, Integer baselineVersion,
                             String scoreBaseline) {
    }

    /** What became of a labelled example: the statistics of the label window it completed, and a concept-drift decision. */
    public record LabelledOutcome(Optional<DriftStats> labelStats, Optional<Decision> decision) {
    }

    /**
     * The scores of a champion's first evaluated window in production: what later scores are
     * compared with (its distribution derived once).
     */
    private record ScoreBaseline(int version, KllDoublesSketch scores, Distribution distribution) {

        ScoreBaseline(int version, KllDoublesSketch scores) {
            this(version, scores, Distribution.of(scores));
        }
    }

    private final WindowEvaluator evaluator;
    private final RetrainPolicy policy;
    private final Clock clock;
    private final int sketchK;
    private final ConceptDriftMonitor concept;
    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, ScoreBaseline> baselines = new HashMap<>();
    private final Map<String, LabelWindow> labelWindows = new HashMap<>();
    /** Per model, the champion whose drift was first seen and when (event time), until a newer one serves. */
    private final Map<String, FirstDrift> drifting = new HashMap<>();
    /** Per model, an adaptation not yet reported on a window of the new champion. */
    private final Map<String, Adaptation> adapted = new HashMap<>();

    private record FirstDrift(int championVersion, Instant at) {
    }

    public DriftMonitor(WindowEvaluator evaluator, RetrainPolicy policy, Clock clock) {
        this(evaluator, policy, clock, Window.DEFAULT_SKETCH_K, new ConceptDriftMonitor(ConceptDriftPolicy.defaults()));
    }

    /**
     * @param sketchK KLL parameter of the windows' numeric sketches (see {@link Window})
     * @param concept the concept-drift detectors of the champions' error streams
     */
    public DriftMonitor(WindowEvaluator evaluator, RetrainPolicy policy, Clock clock, int sketchK,
                        ConceptDriftMonitor concept) {
        this.evaluator = evaluator;
        this.policy = policy;
        this.clock = clock;
        this.sketchK = sketchK;
        this.concept = concept;
    }

    /**
     * Adds one valid inference event of a model with {@code spec}.
     *
     * @param origin   position of the event (names the window it starts)
     * @param champion the model's current champion, if any
     */
    public synchronized Outcome onInference(InferenceEvent event, String origin, ModelSpec spec,
                                            Optional<ModelPromoted> champion, References references) {
        served(event.model(), event.modelVersion(), event.timestamp());
        return inference(event.model(), event.timestamp(), w -> w.add(event), origin, -1, spec, champion, references);
    }

    /**
     * Adds the observation of one valid inference event of a model with {@code spec}: as
     * {@link #onInference(InferenceEvent, String, ModelSpec, Optional, References)} with the origin
     * {@code partition + "@" + offset}, which is built only when the event starts a window.
     *
     * @param partition where the event was read, e.g. {@code ct.inference.v1-2}
     * @param offset    its offset there
     */
    public synchronized Outcome onInference(Observation event, String partition, long offset, ModelSpec spec,
                                            Optional<ModelPromoted> champion, References references) {
        served(event.model(), event.modelVersion(), event.timestamp());
        return inference(event.model(), event.timestamp(), w -> w.add(event), partition, offset, spec, champion,
                references);
    }

    /** {@code origin}, or with {@code offset} at least 0 the origin {@code origin + "@" + offset}. */
    private Outcome inference(String model, Instant at, Predicate<Window> add, String origin, long offset,
                              ModelSpec spec, Optional<ModelPromoted> champion, References references) {
        Outcome closedByTime = null;
        Window window = windows.get(model);
        if (window != null && window.endsBefore(at)) {
            windows.remove(model);
            closedByTime = close(window, spec, champion, references);
            window = null;
        }
        if (window == null) {
            Integer version = champion.isPresent() ? champion.get().version() : null;
            window = new Window(model, spec.drift().windowSize(), spec.drift().windowDuration(), sketchK, version,
                    offset < 0 ? origin : origin + "@" + offset);
            windows.put(model, window);
        }
        if (!add.test(window)) {
            return closedByTime != null ? closedByTime : DUPLICATE;
        }
        if (!window.full()) {
            return closedByTime != null ? closedByTime : COUNTED;
        }
        windows.remove(model);
        return close(window, spec, champion, references);
    }

    // outcomes are immutable: the two of nearly every event are shared
    private static final Outcome COUNTED = Outcome.of(Status.COUNTED);
    private static final Outcome DUPLICATE = Outcome.of(Status.DUPLICATE);

    private Outcome close(Window window, ModelSpec spec, Optional<ModelPromoted> champion, References references) {
        Integer version = champion.map(ModelPromoted::version).orElse(null);
        if (champion.isEmpty()) {
            return Outcome.of(Status.DISCARDED_NO_CHAMPION);
        }
        if (!Objects.equals(version, window.championVersion())) {
            return Outcome.of(Status.DISCARDED_CHAMPION_CHANGED);
        }
        Optional<ReferenceProfile> profile = references.profileOf(champion.get());
        if (profile.isEmpty()) {
            return Outcome.of(Status.DISCARDED_NO_PROFILE);
        }
        DriftStats stats = withAdaptation(withPrediction(evaluator.evaluate(window, spec, profile.get(), version,
                clock.instant()), window, version, spec));
        if (stats.drifted()) {
            drifting.putIfAbsent(window.model(), new FirstDrift(version, stats.windowEnd()));
        }
        return new Outcome(Status.EVALUATED, Optional.of(stats), Optional.of(policy.drift(stats, spec.drift())));
    }

    /**
     * An inference served by {@code version} at {@code at}: the first one served by a champion newer
     * than the one whose drift is open ends the adaptation, measured from that drift.
     */
    private void served(String model, Integer version, Instant at) {
        if (version == null) {
            return;
        }
        FirstDrift open = drifting.get(model);
        if (open != null && version > open.championVersion()) {
            drifting.remove(model);
            adapted.put(model, new Adaptation(open.championVersion(), version, open.at(), at,
                    java.time.Duration.between(open.at(), at).toNanos() / 1e9));
        }
    }

    /** {@code stats} with the model's pending adaptation when the window is of the champion it adapted to. */
    private DriftStats withAdaptation(DriftStats stats) {
        Adaptation a = adapted.get(stats.model());
        if (a == null || stats.championVersion() == null || a.toVersion() != stats.championVersion()) {
            return stats;
        }
        adapted.remove(stats.model());
        return stats.withAdaptation(a);
    }

    /** The adaptation measured last for the model and not yet reported on a window, if any. */
    public synchronized Optional<Adaptation> pendingAdaptation(String model) {
        return Optional.ofNullable(adapted.get(model));
    }

    /**
     * The drift of the window's scores against the champion's baseline; the first window of a
     * champion with scores becomes its baseline (and reports none).
     */
    private DriftStats withPrediction(DriftStats stats, Window window, int version, ModelSpec spec) {
        if (!window.hasScores()) {
            return stats;
        }
        ScoreBaseline baseline = baselines.get(window.model());
        if (baseline == null || baseline.version() != version) {
            baselines.put(window.model(), new ScoreBaseline(version,
                    KllDoublesSketch.heapify(Memory.wrap(window.scoreSketch().toByteArray()))));
            return stats;
        }
        FeatureDrift prediction = evaluator.prediction(baseline.distribution(), window.scoreDistribution(), spec.drift());
        return stats.withPrediction(prediction);
    }

    /**
     * A model's champion changed ({@code champion} null when removed): a window started under
     * another champion is dropped, so the next window is compared with the new reference profile.
     */
    public synchronized void onChampion(String model, ModelPromoted champion) {
        Integer version = champion == null ? null : champion.version();
        Window window = windows.get(model);
        if (window != null && !Objects.equals(window.championVersion(), version)) {
            windows.remove(model);
        }
        policy.championChanged(model, version, champion == null ? null : champion.promotedAt());
        if (version == null) {
            concept.forget(model);
        } else {
            concept.championChanged(model, version);
        }
    }

    /**
     * A labelled example of the model. Its error (prediction ≠ label) is judged by the
     * concept-drift detector when the current champion made the prediction; an example without a
     * prediction or version is not judged. With a champion, its label then fills the model's label
     * window; a full one is compared with the champion's training labels (prior shift) and carries
     * where the champion's detector stands, this example judged ({@link #conceptSignal}). With
     * {@code decide} false (history replayed on start) the detector learns but decides nothing.
     *
     * @param origin position of the example (names the label window it starts)
     */
    public synchronized LabelledOutcome onLabelled(LabelledExample example, String origin, ModelSpec spec,
                                                   Optional<ModelPromoted> champion, References references,
                                                   boolean decide) {
        String model = example.model();
        Integer championVersion = champion.map(ModelPromoted::version).orElse(null);
        Optional<Alarm> alarm = Optional.empty();
        if (championVersion != null && example.modelVersion() != null && example.prediction() != null) {
            alarm = concept.observe(model, championVersion, example.modelVersion(),
                    example.prediction() != example.label());
        }
        Optional<DriftStats> labelStats = Optional.empty();
        if (champion.isPresent()) {
            int version = champion.get().version();
            LabelWindow open = labelWindows.get(model);
            if (open != null && open.championVersion() != version) {
                labelWindows.remove(model);
            }
            LabelWindow window = labelWindows.computeIfAbsent(model,
                    m -> new LabelWindow(m, spec.drift().windowSize(), origin, version));
            if (alarm.isPresent()) {
                window.alarmed();
            }
            if (window.add(example.label(), example.timestamp())) {
                labelWindows.remove(model);
                labelStats = references.profileOf(champion.get()).map(profile -> evaluator.labels(window, profile,
                        spec.drift(), version, clock.instant())).map(stats ->
                        stats.withConcept(conceptSignal(model, version, window.sawAlarm()).orElse(null)));
            }
        }
        if (alarm.isEmpty() || !decide) {
            return new LabelledOutcome(labelStats, Optional.empty());
        }
        drifting.putIfAbsent(model, new FirstDrift(alarm.get().championVersion(), example.timestamp()));
        return new LabelledOutcome(labelStats, Optional.of(policy.concept(alarm.get(), example.requestId(),
                example.timestamp(), spec.drift())));
    }

    /**
     * Where the concept-drift detector of {@code championVersion} stands, for a label window: empty
     * when it does not watch that champion, or has judged none of its examples (all in the grace
     * period) and raised no alarm. The signal is {@code drift} when it alarmed on an example of the
     * window ({@code alarmed}), else {@code warning} when its latest signal was one, else {@code none}.
     */
    private Optional<ConceptSignal> conceptSignal(String model, int championVersion, boolean alarmed) {
        return concept.watch(model)
                .filter(w -> w.championVersion() == championVersion && w.seen() > 0)
                .filter(w -> w.errorRate() != null || w.alarms() > 0)
                .map(w -> new ConceptSignal(w.detector(), w.championVersion(), w.seen(), w.errorRate(),
                        w.statistic(), w.threshold(),
                        alarmed ? ConceptSignal.DRIFT : w.warning() ? ConceptSignal.WARNING : ConceptSignal.NONE,
                        w.alarms()));
    }

    /** What the concept-drift detector knows of the model's champion, if it watches it. */
    public synchronized Optional<ModelWatch> conceptWatch(String model) {
        return concept.watch(model);
    }

    /** Whether the model's champion is older than the spec's maximum age and gets a scheduled retraining. */
    public synchronized Decision onSchedule(String model, ModelSpec spec, Optional<ModelPromoted> champion) {
        return policy.schedule(model, spec.drift(), champion.map(ModelPromoted::version).orElse(null),
                champion.map(ModelPromoted::promotedAt).orElse(null));
    }

    /** An operator asks for a retraining ({@code force}: even while one is in flight). */
    public synchronized Decision onManual(String model, ModelSpec spec, String reason, boolean force) {
        return policy.manual(model, spec.drift(), reason, force);
    }

    /**
     * A verdict on a candidate of the model: it answers the requests made before it; one that did not
     * pass arms the next attempt or ends the series (the give-up, if so).
     *
     * @param examples the model's labelled examples read so far
     */
    public synchronized Optional<RetrainPolicy.GiveUp> onEvaluated(ModelEvaluated verdict, DriftSpec drift,
                                                                    long examples) {
        return policy.evaluated(verdict.model(), verdict.candidateId(), verdict.verdict(), verdict.evaluatedAt(),
                drift, examples, verdict.eventId(), verdict.summary());
    }

    /** A dataset was cut for a request of the model; the model had {@code examples} labelled examples then. */
    public synchronized void onDataset(DatasetReady ready, long examples) {
        if (ready.causationId() != null && ready.counts() != null) {
            policy.datasetCut(ready.model(), ready.causationId(), ready.counts().total(), examples);
        }
    }

    /** The model has {@code examples} labelled examples: is the armed next attempt made now? */
    public synchronized Decision onRetry(String model, ModelSpec spec, long examples) {
        return policy.retry(model, spec.drift(), examples);
    }

    /** The model's request in flight now, if any. */
    public synchronized Optional<RetrainRequested> inFlight(String model, ModelSpec spec) {
        return policy.inFlight(model, spec.drift());
    }

    /** The model has {@code examples} labelled examples: does it get its bootstrap training? */
    public synchronized Decision onExamples(String model, ModelSpec spec, boolean hasChampion, long examples) {
        return policy.bootstrap(model, spec.drift(), hasChampion, examples);
    }

    /** A request seen on the requests topic (any source): it starts the model's cooldown. */
    public synchronized void onRequestObserved(RetrainRequested request) {
        policy.observe(request);
    }

    /** The model's state for a checkpoint. */
    public synchronized ModelState snapshot(String model) {
        Window w = windows.get(model);
        ScoreBaseline b = baselines.get(model);
        return new ModelState(w == null ? null : w.snapshot(), policy.streak(model), b == null ? null : b.version(),
                b == null ? null : Base64.getEncoder().encodeToString(b.scores().toByteArray()));
    }

    /**
     * Carries on from a checkpoint: the model's open window and hysteresis count are those of
     * {@code state}. A window started under another champion than {@code championVersion} (the
     * model's champion now; null for none) is not restored, as a champion change drops it.
     */
    public synchronized void restore(String model, ModelState state, Integer championVersion) {
        if (state.window() == null || !Objects.equals(state.window().championVersion(), championVersion)) {
            windows.remove(model);
        } else {
            windows.put(model, Window.restore(state.window()));
        }
        if (state.streak() != null) {
            policy.restoreStreak(model, state.streak());
        }
        if (state.baselineVersion() != null && state.scoreBaseline() != null) {
            baselines.put(model, new ScoreBaseline(state.baselineVersion(),
                    KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(state.scoreBaseline())))));
        }
    }

    /** Events in the model's current window (0 when none is open). */
    public synchronized int filling(String model) {
        Window w = windows.get(model);
        return w == null ? 0 : w.size();
    }
}
