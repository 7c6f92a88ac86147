package io.driftloop.registry.domain;

import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.Promotion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The registry's state machine, event-sourced: the versions, lineage, verdicts and champion of
 * every model change only through {@link #apply} of {@link ModelLifecycleChanged} events, so a new
 * registry that applies the same events in the same order holds equal state. Decisions
 * ({@link #onTrained}, {@link #onEvaluated}) do not change that state; they return the events to
 * append, to be published and then applied by the caller.
 *
 * <p>Invariants: a candidate id gets one version (1, 2, 3… per model, in order of first sight);
 * a version is evaluated once; only a version that passed its gates becomes champion, and only
 * when the spec's promotion is {@code auto}; at most one version per model is champion, the one it
 * replaced is archived. Event ids are derived from model, version and stage, so a decision taken
 * twice yields the same events and applying an event twice has no second effect.
 *
 * <p>An evaluation that arrives before its candidate's trained event is kept pending (in memory,
 * bounded) and decided when the trained event arrives. Thread-safe: every method is synchronized.
 */
public final class Registry {

    /** Evaluations of not-yet-seen candidates kept at most; the oldest is forgotten first. */
    static final int MAX_PENDING = 10_000;

    private final Clock clock;
    private final Map<String, ModelHistory> models = new TreeMap<>();
    private final Set<String> appliedEventIds = new HashSet<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };

    private record Pending(ModelEvaluated evaluation, Promotion promotion) {
    }

    public Registry(Clock clock) {
        this.clock = clock;
    }

    /**
     * A candidate was trained: a {@code candidate} event with the next version number and the
     * lineage; followed by its verdict when its evaluation was pending. Nothing when the candidate
     * is already known (a replay).
     */
    public synchronized List<ModelLifecycleChanged> onTrained(ModelTrained trained) {
        ModelHistory history = history(trained.model());
        if (history.byCandidate(trained.candidateId()).isPresent()) {
            return List.of();
        }
        int version = history.nextVersion();
        Instant now = clock.instant();
        List<ModelLifecycleChanged> events = new ArrayList<>();
        events.add(event(trained.model(), version, trained.candidateId(), LifecycleStage.CANDIDATE,
                trained.eventId(), candidateReason(trained), now, trained, null));
        Pending waiting = pending.get(pendingKey(trained.model(), trained.candidateId()));
        if (waiting != null) {
            events.addAll(verdict(history, version, trained.candidateId(), waiting.evaluation(), waiting.promotion(), now));
        }
        return events;
    }

    /**
     * A candidate was evaluated under {@code spec}: {@code passed} or {@code failed} carrying the
     * evaluation; when it passed and the spec's promotion is {@code auto}, also {@code champion}
     * for it and {@code archived} for the champion it replaces. Nothing when the version was
     * already evaluated (a replay promotes nothing twice). When the candidate is not known yet, the
     * evaluation is kept pending and nothing is returned; {@link #onTrained} decides it later.
     */
    public synchronized List<ModelLifecycleChanged> onEvaluated(ModelEvaluated evaluation, ModelSpec spec) {
        if (!evaluation.model().equals(spec.name())) {
            throw new IllegalArgumentException("evaluation of '" + evaluation.model() + "' judged under the spec of '"
                    + spec.name() + "'");
        }
        ModelHistory history = history(evaluation.model());
        Optional<ModelVersion> version = history.byCandidate(evaluation.candidateId());
        if (version.isEmpty()) {
            pending.putIfAbsent(pendingKey(evaluation.model(), evaluation.candidateId()),
                    new Pending(evaluation, spec.promotion()));
            return List.of();
        }
        if (version.get().evaluated()) {
            return List.of();
        }
        return verdict(history, version.get().version(), evaluation.candidateId(), evaluation, spec.promotion(),
                clock.instant());
    }

    private List<ModelLifecycleChanged> verdict(ModelHistory history, int version, String candidateId,
                                                ModelEvaluated evaluation, Promotion promotion, Instant now) {
        String model = history.model();
        String summary = evaluation.summary() == null || evaluation.summary().isBlank()
                ? (evaluation.passed() ? "passed its gates" : "failed its gates") : evaluation.summary();
        List<ModelLifecycleChanged> events = new ArrayList<>();
        events.add(event(model, version, candidateId, evaluation.passed() ? LifecycleStage.PASSED : LifecycleStage.FAILED,
                evaluation.eventId(), summary, now, null, evaluation));
        if (evaluation.passed() && promotion == Promotion.AUTO) {
            events.add(event(model, version, candidateId, LifecycleStage.CHAMPION, evaluation.eventId(),
                    summary + "; promotion auto", now, null, null));
            history.champion().ifPresent(previous -> events.add(event(model, previous.version(), previous.candidateId(),
                    LifecycleStage.ARCHIVED, evaluation.eventId(), "replaced by version " + version, now, null, null)));
        }
        return events;
    }

    /**
     * Applies one lifecycle event; the only way the state changes. An event already applied (same
     * id) is ignored. Throws {@link IllegalArgumentException} for an event that does not fit the
     * state (a version out of order, a stage for an unknown version), leaving the state unchanged.
     */
    public synchronized void apply(ModelLifecycleChanged event) {
        check(event.eventId() != null && event.model() != null && event.stage() != null && event.candidateId() != null,
                event, "lacks eventId, model, stage or candidateId");
        if (appliedEventIds.contains(event.eventId())) {
            return;
        }
        ModelHistory history = history(event.model());
        ModelHistory next = switch (event.stage()) {
            case CANDIDATE -> {
                check(event.version() == history.nextVersion(), event, "is not the next version "
                        + history.nextVersion());
                check(history.byCandidate(event.candidateId()).isEmpty(), event, "records a known candidate again");
                check(event.trained() != null, event, "lacks the trained lineage");
                yield history.add(new ModelVersion(event.version(), event.candidateId(), LifecycleStage.CANDIDATE,
                        event.trained(), null, null, List.of(new StageChange(LifecycleStage.CANDIDATE, event.at(),
                        event.reason(), event.eventId()))));
            }
            case PASSED, FAILED -> {
                ModelVersion version = known(history, event);
                check(event.evaluation() != null, event, "lacks the evaluation");
                pending.remove(pendingKey(event.model(), event.candidateId()));
                yield history.replace(version.withEvaluation(event.evaluation())
                        .enter(event.stage(), event.at(), event.reason(), event.eventId()));
            }
            case CHAMPION -> {
                ModelVersion version = known(history, event);
                Integer current = history.championVersion();
                Integer previous = current == null || current == event.version() ? history.previousChampionVersion() : current;
                yield history.replace(version.enter(LifecycleStage.CHAMPION, event.at(), event.reason(), event.eventId())
                        .withPromotedAt(event.at())).withChampion(event.version(), previous);
            }
            case ARCHIVED -> {
                ModelVersion version = known(history, event);
                ModelHistory archived = history.replace(version.enter(LifecycleStage.ARCHIVED, event.at(),
                        event.reason(), event.eventId()));
                yield Integer.valueOf(event.version()).equals(history.championVersion())
                        ? archived.withChampion(null, history.championVersion()) : archived;
            }
        };
        models.put(event.model(), next);
        appliedEventIds.add(event.eventId());
    }

    /**
     * The promotion to publish for the current champion of {@code model}: version, the champion
     * it replaced, artifact, dataset, spec hash, metrics of its evaluation, the reason it was
     * trained and the verdict, the time it became champion, candidate id and reference profile.
     */
    public synchronized Optional<ModelPromoted> promoted(String model) {
        ModelHistory history = models.get(model);
        if (history == null) {
            return Optional.empty();
        }
        return history.champion().map(champion -> {
            ModelTrained trained = champion.trained();
            ModelEvaluated evaluation = champion.evaluation();
            return new ModelPromoted(model, champion.version(), history.previousChampionVersion(), trained.artifact(),
                    trained.datasetId(), trained.specHash(), evaluation == null ? Map.of() : evaluation.metrics(),
                    promotionReason(trained, evaluation), champion.promotedAt(), champion.candidateId(),
                    trained.profile());
        });
    }

    public synchronized Optional<ModelHistory> model(String model) {
        return Optional.ofNullable(models.get(model));
    }

    /** Every model's history, by name; an immutable copy. */
    public synchronized Map<String, ModelHistory> models() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(models));
    }

    /** True while an evaluation of {@code candidateId} waits for its trained event. */
    public synchronized boolean isPending(String model, String candidateId) {
        return pending.containsKey(pendingKey(model, candidateId));
    }

    /** Drops a pending evaluation whose candidate never arrived; returns whether one was pending. */
    public synchronized boolean forgetPending(String model, String candidateId) {
        return pending.remove(pendingKey(model, candidateId)) != null;
    }

    public synchronized int pendingEvaluations() {
        return pending.size();
    }

    /** The id of the lifecycle event putting {@code version} of {@code model} into {@code stage}. */
    public static String eventId(String model, int version, LifecycleStage stage) {
        return UUID.nameUUIDFromBytes((model + "/" + version + "/" + stage.name().toLowerCase())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private ModelHistory history(String model) {
        return models.getOrDefault(model, ModelHistory.empty(model));
    }

    private static ModelLifecycleChanged event(String model, int version, String candidateId, LifecycleStage stage,
                                               String causationId, String reason, Instant at, ModelTrained trained,
                                               ModelEvaluated evaluation) {
        return new ModelLifecycleChanged(eventId(model, version, stage), causationId, model, version, candidateId,
                stage, reason, at, trained, evaluation);
    }

    private static ModelVersion known(ModelHistory history, ModelLifecycleChanged event) {
        ModelVersion version = history.version(event.version()).orElse(null);
        check(version != null, event, "names an unknown version");
        check(version.candidateId().equals(event.candidateId()), event, "names candidate " + event.candidateId()
                + " but version " + event.version() + " is " + version.candidateId());
        return version;
    }

    private static void check(boolean condition, ModelLifecycleChanged event, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("lifecycle event " + event.eventId() + " (" + event.model() + " v"
                    + event.version() + " " + event.stage() + ") " + problem);
        }
    }

    private static String candidateReason(ModelTrained trained) {
        String why = trained.reason() == null || trained.reason().isBlank() ? "" : ": " + trained.reason();
        return "trained on " + trained.datasetId() + why;
    }

    private static String promotionReason(ModelTrained trained, ModelEvaluated evaluation) {
        String trainedFor = trained.reason() == null || trained.reason().isBlank()
                ? (trained.trigger() == null ? "trained" : trained.trigger().name().toLowerCase()) : trained.reason();
        return evaluation == null || evaluation.summary() == null ? trainedFor : trainedFor + "; " + evaluation.summary();
    }

    private static String pendingKey(String model, String candidateId) {
        return model + '\u0000' + candidateId;
    }
}
