package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.domain.concept.Alarm;
import io.driftloop.driftdetector.domain.concept.ConceptDriftMonitor;
import io.driftloop.driftdetector.domain.concept.ConceptDriftPolicy;
import io.driftloop.driftdetector.domain.concept.ModelWatch;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /** What a checkpoint keeps of one model: its open window (null when none) and its hysteresis count. */
    public record ModelState(Window.Snapshot window, RetrainPolicy.Streak streak) {
    }

    private final WindowEvaluator evaluator;
    private final RetrainPolicy policy;
    private final Clock clock;
    private final int sketchK;
    private final ConceptDriftMonitor concept;
    private final Map<String, Window> windows = new HashMap<>();

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
        Integer version = champion.map(ModelPromoted::version).orElse(null);
        Window open = windows.get(event.model());
        Outcome closedByTime = null;
        if (open != null && open.endsBefore(event.timestamp())) {
            windows.remove(event.model());
            closedByTime = close(open, spec, champion, references);
        }
        Window window = windows.computeIfAbsent(event.model(),
                m -> new Window(m, spec.drift().windowSize(), spec.drift().windowDuration(), sketchK, version, origin));
        if (!window.add(event)) {
            return closedByTime != null ? closedByTime : Outcome.of(Status.DUPLICATE);
        }
        if (!window.full()) {
            return closedByTime != null ? closedByTime : Outcome.of(Status.COUNTED);
        }
        windows.remove(event.model());
        return close(window, spec, champion, references);
    }

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
        DriftStats stats = evaluator.evaluate(window, spec, profile.get(), version, clock.instant());
        return new Outcome(Status.EVALUATED, Optional.of(stats), Optional.of(policy.drift(stats, spec.drift())));
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
     * A labelled example of the model: its error (prediction ≠ label) is judged by the
     * concept-drift detector when the current champion made the prediction; an example without a
     * prediction or version, or of a model without a champion, is not judged. With {@code decide}
     * false (replaying history on start) the detector learns but no decision is made.
     *
     * @return the decision on a concept-drift alarm, if this example raised one and {@code decide}
     */
    public synchronized Optional<Decision> onLabelled(String model, ModelSpec spec, Integer championVersion,
                                                      Integer servedVersion, Integer prediction, int label,
                                                      String requestId, Instant at, boolean decide) {
        if (championVersion == null || servedVersion == null || prediction == null) {
            return Optional.empty();
        }
        Optional<Alarm> alarm = concept.observe(model, championVersion, servedVersion, prediction != label);
        if (alarm.isEmpty() || !decide) {
            return Optional.empty();
        }
        return Optional.of(policy.concept(alarm.get(), requestId, at, spec.drift()));
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

    /** A verdict on a candidate of the model: it answers the requests made before it. */
    public synchronized void onEvaluated(ModelEvaluated verdict) {
        policy.evaluated(verdict.model(), verdict.candidateId(), verdict.passed(), verdict.evaluatedAt());
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
        return new ModelState(w == null ? null : w.snapshot(), policy.streak(model));
    }

    /** Carries on from a checkpoint: the model's open window and hysteresis count are those of {@code state}. */
    public synchronized void restore(String model, ModelState state) {
        if (state.window() == null) {
            windows.remove(model);
        } else {
            windows.put(model, Window.restore(state.window()));
        }
        if (state.streak() != null) {
            policy.restoreStreak(model, state.streak());
        }
    }

    /** Events in the model's current window (0 when none is open). */
    public synchronized int filling(String model) {
        Window w = windows.get(model);
        return w == null ? 0 : w.size();
    }
}
