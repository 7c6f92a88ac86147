package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.spec.ModelSpec;
import java.time.Clock;
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

    private final WindowEvaluator evaluator;
    private final RetrainPolicy policy;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    public DriftMonitor(WindowEvaluator evaluator, RetrainPolicy policy, Clock clock) {
        this.evaluator = evaluator;
        this.policy = policy;
        this.clock = clock;
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
        Window window = windows.computeIfAbsent(event.model(),
                m -> new Window(m, spec.drift().windowSize(), version, origin));
        if (!window.add(event)) {
            return Outcome.of(Status.DUPLICATE);
        }
        if (!window.full()) {
            return Outcome.of(Status.COUNTED);
        }
        windows.remove(event.model());
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

    /** Events in the model's current window (0 when none is open). */
    public synchronized int filling(String model) {
        Window w = windows.get(model);
        return w == null ? 0 : w.size();
    }
}
