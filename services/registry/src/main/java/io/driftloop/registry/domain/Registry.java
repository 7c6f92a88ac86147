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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The registry's state machine, event-sourced: the versions, lineage, verdicts, champions and
 * aliases of every model change only through {@link #apply} of {@link ModelLifecycleChanged}
 * events in log order, so every registry that applies the same log holds equal state. Decisions
 * ({@link #onTrained}, {@link #onEvaluated}, {@link #approve}, {@link #rollback}, {@link #override},
 * {@link #setAlias}, {@link #removeAlias}) do not change the state; each returns at most one event,
 * to be written to the log, and the state changes when that event is read back and applied.
 *
 * <p><b>The log is the arbiter.</b> Every event a decision returns carries the model's position
 * ({@code sequence}: how many of its events were applied before it). {@link #apply} applies an
 * event only at exactly that position; any other event is a lost race (another writer's event took
 * the position first) and is ignored, by every reader alike because all read the same log in the
 * same order. A decision is one event, so it applies entirely or not at all. Event ids derive from
 * model, position, stage, version and alias: two writers taking the same decision from the same
 * state write the same id, and a decision retried from unchanged state repeats its id.
 *
 * <p>Invariants: a candidate id gets one version (1, 2, 3… per model, in log order); a version is
 * evaluated once; only a version that passed its gates becomes champion, unless an override with a
 * written justification promotes a failed one; at most one version is champion, the one it
 * replaced is archived. Thread-safe: every method is synchronized.
 */
public final class Registry {

    public static final String CHAMPION_ALIAS = "champion";
    public static final String CHALLENGER_ALIAS = "challenger";
    public static final String AUTO = "auto";
    public static final String APPROVAL = "approval";
    public static final String ROLLBACK = "rollback";
    public static final String OVERRIDE = "override";
    /** The actor of decisions the registry takes by itself. */
    public static final String SELF = "registry";
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** What {@link #apply} did with an event. */
    public enum Outcome {
        /** The state changed. */
        APPLIED,
        /** An event without sequence whose id was applied before. */
        DUPLICATE,
        /** Its sequence is not the model's position: another event took that position first. */
        LOST_RACE,
        /** It does not fit the state (every reader finds the same); ignored. */
        REJECTED
    }

    /** The outcome of applying one event, with the reason when it was not applied. */
    public record Applied(Outcome outcome, String detail) {
    }

    private final Clock clock;
    private final String writer;
    private final Map<String, ModelHistory> models = new TreeMap<>();
    /** Applied events per model, in order: index i holds the event applied at position i. */
    private final Map<String, List<ModelLifecycleChanged>> logs = new HashMap<>();
    private final Set<String> appliedUnsequencedIds = new HashSet<>();

    /**
     * @param writer names this registry instance in the events its decisions return
     */
    public Registry(Clock clock, String writer) {
        this.clock = clock;
        this.writer = writer;
    }

    public String writer() {
        return writer;
    }

    // ---------------------------------------------------------------- decisions

    /** A candidate was trained: a {@code candidate} event with the next version and the lineage; none when known. */
    public synchronized Optional<ModelLifecycleChanged> onTrained(ModelTrained trained) {
        ModelHistory history = history(trained.model());
        if (history.byCandidate(trained.candidateId()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(event(history, history.nextVersion(), trained.candidateId(), LifecycleStage.CANDIDATE,
                trained.eventId(), candidateReason(trained), trained, null, null, null, SELF, null, null));
    }

    /** Whether the candidate's trained event has been applied, so its evaluation can be decided. */
    public synchronized boolean knowsCandidate(String model, String candidateId) {
        return history(model).byCandidate(candidateId).isPresent();
    }

    /**
     * A candidate was evaluated under {@code spec}. Under {@code auto} promotion a passing verdict is one {@code champion}
     * event that carries the evaluation, provided it was gated against the current champion
     * ({@code championVersion} equal to it, both absent for a first model); a passing verdict against
     * another champion (stale: the champion changed while it was evaluated) is only {@code passed},
     * for an approver or a retrain. Otherwise {@code passed} or {@code failed}. None when the version
     * was already evaluated (a replay promotes nothing twice).
     *
     * @throws RegistryRefusal when the candidate is not recorded yet
     */
    public synchronized Optional<ModelLifecycleChanged> onEvaluated(ModelEvaluated evaluation, ModelSpec spec) {
        if (!evaluation.model().equals(spec.name())) {
            throw new IllegalArgumentException("evaluation of '" + evaluation.model() + "' judged under the spec of '"
                    + spec.name() + "'");
        }
        Promotion promotion = spec.promotion();
        ModelHistory history = history(evaluation.model());
        ModelVersion version = history.byCandidate(evaluation.candidateId()).orElseThrow(() -> RegistryRefusal.unknown(
                "candidate " + evaluation.candidateId() + " of '" + evaluation.model() + "' is not recorded yet"));
        if (version.evaluated()) {
            return Optional.empty();
        }
        String summary = summary(evaluation);
        boolean againstChampion = Objects.equals(evaluation.championVersion(), history.championVersion());
        if (evaluation.passed() && promotion == Promotion.AUTO && againstChampion) {
            return Optional.of(event(history, version.version(), version.candidateId(), LifecycleStage.CHAMPION,
                    evaluation.eventId(), summary + "; promotion auto", null, evaluation, history.championVersion(),
                    AUTO, SELF + " (auto: passed its gates)", null, null));
        }
        String reason = !evaluation.passed() ? summary
                : promotion != Promotion.AUTO ? summary + "; promotion manual: awaiting approval"
                : summary + "; gated against " + versionName(evaluation.championVersion()) + " but "
                        + (history.championVersion() == null ? "there is no champion now"
                        : "the champion is now v" + history.championVersion())
                        + ": not promoted automatically; approve it or retrain";
        return Optional.of(event(history, version.version(), version.candidateId(),
                evaluation.passed() ? LifecycleStage.PASSED : LifecycleStage.FAILED, evaluation.eventId(), reason,
                null, evaluation, null, null, SELF, null, null));
    }

    /** An approver promotes a version that passed its gates (manual promotion). */
    public synchronized ModelLifecycleChanged approve(String model, int version, String user) {
        ModelHistory history = known(model);
        ModelVersion target = history.requireVersion(version);
        notChampion(history, target);
        evaluatedVersion(target);
        if (!target.evaluation().passed()) {
            throw RegistryRefusal.conflict("version " + version + " of '" + model + "' failed its gates ("
                    + summary(target.evaluation()) + "): only an override with a written justification promotes it");
        }
        return event(history, version, target.candidateId(), LifecycleStage.CHAMPION, null,
                "approved by " + user + "; " + summary(target.evaluation()), null, null, history.championVersion(),
                APPROVAL, "user " + user + " (approve)", null, null);
    }

    /**
     * An operator puts back an earlier champion: {@code to}, or when null the champion before the
     * current one in the line of champions (repeated rollbacks walk further back). A named target
     * must have been champion before and be older than the current champion: anything else is an
     * approval or an override, not a rollback.
     */
    public synchronized ModelLifecycleChanged rollback(String model, Integer to, String user, String why) {
        ModelHistory history = known(model);
        int targetVersion;
        if (to == null) {
            List<Integer> line = history.championLine();
            if (history.championVersion() == null || line.size() < 2) {
                throw RegistryRefusal.conflict("'" + model + "' has no earlier champion to roll back to"
                        + ": approve a version that passed its gates (or override a failed one) instead");
            }
            targetVersion = line.get(line.size() - 2);
        } else {
            targetVersion = to;
        }
        ModelVersion target = history.requireVersion(targetVersion);
        notChampion(history, target);
        if (!target.everChampion()) {
            throw RegistryRefusal.conflict("version " + targetVersion + " of '" + model + "' was never champion: a "
                    + "rollback only goes back to an earlier champion; "
                    + (target.evaluated() && target.evaluation().passed() ? "approve it instead"
                    : "an override with a written justification promotes it"));
        }
        if (to != null && history.championVersion() != null && targetVersion > history.championVersion()) {
            throw RegistryRefusal.conflict("version " + targetVersion + " of '" + model + "' is newer than the "
                    + "champion (version " + history.championVersion() + "): a rollback only goes back to an older "
                    + "champion; approve it (or override a failed verdict) instead");
        }
        String reason = "rollback from " + (history.championVersion() == null ? "no champion"
                : "version " + history.championVersion()) + " to version " + targetVersion + " by " + user
                + (why == null || why.isBlank() ? "" : ": " + why.strip());
        return event(history, targetVersion, target.candidateId(), LifecycleStage.CHAMPION, null, reason, null, null,
                history.championVersion(), ROLLBACK, "user " + user + " (rollback)", null, null);
    }

    /** An approver promotes a version that failed its gates, with a written justification (audited). */
    public synchronized ModelLifecycleChanged override(String model, int version, String user, String justification) {
        if (justification == null || justification.isBlank()) {
            throw RegistryRefusal.invalid("an override needs a written justification: say why version " + version
                    + " should serve although it failed its gates");
        }
        ModelHistory history = known(model);
        ModelVersion target = history.requireVersion(version);
        notChampion(history, target);
        evaluatedVersion(target);
        if (target.evaluation().passed()) {
            throw RegistryRefusal.conflict("version " + version + " of '" + model
                    + "' passed its gates: approve it instead of overriding");
        }
        return event(history, version, target.candidateId(), LifecycleStage.CHAMPION, null,
                "override by " + user + " of a failed verdict (" + summary(target.evaluation()) + "): "
                        + justification.strip(), null, null, history.championVersion(), OVERRIDE,
                "user " + user + " (override)", justification.strip(), null);
    }

    /** Points a user-defined alias at a version; none when it already points there. */
    public synchronized Optional<ModelLifecycleChanged> setAlias(String model, String alias, int version, String user) {
        checkAlias(alias);
        ModelHistory history = known(model);
        ModelVersion target = history.requireVersion(version);
        if (Integer.valueOf(version).equals(history.aliases().get(alias))) {
            return Optional.empty();
        }
        Integer before = history.aliases().get(alias);
        return Optional.of(event(history, version, target.candidateId(), LifecycleStage.ALIAS_SET, null,
                "alias '" + alias + "' set to version " + version + (before == null ? "" : " (was " + before + ")")
                        + " by " + user, null, null, null, null, "user " + user + " (alias)", null, alias));
    }

    /** Removes a user-defined alias. */
    public synchronized ModelLifecycleChanged removeAlias(String model, String alias, String user) {
        checkAlias(alias);
        ModelHistory history = known(model);
        Integer version = history.aliases().get(alias);
        if (version == null) {
            throw RegistryRefusal.unknown("'" + model + "' has no alias '" + alias + "'");
        }
        return event(history, version, history.requireVersion(version).candidateId(),
                LifecycleStage.ALIAS_REMOVED, null, "alias '" + alias + "' removed from version " + version + " by "
                        + user, null, null, null, null, "user " + user + " (alias)", null, alias);
    }

    // ---------------------------------------------------------------- the arbiter

    /**
     * Applies one event read from the log; the only way the state changes. An event with a
     * sequence applies only at exactly the model's position; an event without one (written before
     * sequences) applies once per id. An event that does not fit the state is rejected, leaving
     * the state (and the position) unchanged.
     */
    public synchronized Applied apply(ModelLifecycleChanged event) {
        if (event.eventId() == null || event.model() == null || event.stage() == null || event.candidateId() == null) {
            return new Applied(Outcome.REJECTED, "lacks eventId, model, stage or candidateId");
        }
        ModelHistory history = history(event.model());
        if (event.sequence() == null) {
            if (appliedUnsequencedIds.contains(event.eventId())) {
                return new Applied(Outcome.DUPLICATE, "applied before");
            }
        } else if (event.sequence() != history.position()) {
            return new Applied(Outcome.LOST_RACE, "expected position " + event.sequence() + " but '" + event.model()
                    + "' is at " + history.position());
        }
        ModelHistory next;
        try {
            next = transition(history, event);
        } catch (IllegalArgumentException e) {
            return new Applied(Outcome.REJECTED, e.getMessage());
        }
        models.put(event.model(), next.advanced());
        logs.computeIfAbsent(event.model(), m -> new ArrayList<>()).add(event);
        if (event.sequence() == null) {
            appliedUnsequencedIds.add(event.eventId());
        }
        return new Applied(Outcome.APPLIED, null);
    }

    private static ModelHistory transition(ModelHistory history, ModelLifecycleChanged event) {
        boolean sequenced = event.sequence() != null;
        return switch (event.stage()) {
            case CANDIDATE -> {
                check(event.version() == history.nextVersion(), "is not the next version " + history.nextVersion());
                check(history.byCandidate(event.candidateId()).isEmpty(), "records a known candidate again");
                check(event.trained() != null, "lacks the trained lineage");
                yield history.add(new ModelVersion(event.version(), event.candidateId(), LifecycleStage.CANDIDATE,
                        event.trained(), null, null, List.of(new StageChange(LifecycleStage.CANDIDATE, event.at(),
                        event.reason(), event.eventId()))));
            }
            case PASSED, FAILED -> {
                ModelVersion version = known(history, event);
                check(event.evaluation() != null, "lacks the evaluation");
                check(!sequenced || !version.evaluated(), "evaluates an evaluated version again");
                yield history.replace(version.withEvaluation(event.evaluation())
                        .enter(event.stage(), event.at(), event.reason(), event.eventId()));
            }
            case CHAMPION -> champion(history, event, sequenced);
            case ARCHIVED -> {
                ModelVersion version = known(history, event);
                if (version.stage() == LifecycleStage.ARCHIVED) {
                    yield history; // already archived when its successor became champion
                }
                ModelHistory archived = history.replace(version.enter(LifecycleStage.ARCHIVED, event.at(),
                        event.reason(), event.eventId()));
                yield Integer.valueOf(event.version()).equals(history.championVersion())
                        ? archived.withChampion(null, history.championVersion(), history.championLine(), null)
                        : archived;
            }
            case ALIAS_SET -> {
                known(history, event);
                check(event.alias() != null && ALIAS.matcher(event.alias()).matches()
                        && !reserved(event.alias()), "names no valid alias");
                Map<String, Integer> aliases = new TreeMap<>(history.aliases());
                aliases.put(event.alias(), event.version());
                yield history.withAliases(aliases);
            }
            case ALIAS_REMOVED -> {
                check(event.alias() != null && history.aliases().containsKey(event.alias()), "removes an unset alias");
                Map<String, Integer> aliases = new TreeMap<>(history.aliases());
                aliases.remove(event.alias());
                yield history.withAliases(aliases);
            }
        };
    }

    private static ModelHistory champion(ModelHistory history, ModelLifecycleChanged event, boolean sequenced) {
        ModelVersion version = known(history, event);
        Integer current = history.championVersion();
        if (sequenced) {
            check(current == null || current != event.version(), "makes the champion champion again");
        }
        if (event.evaluation() != null && !version.evaluated()) {
            // promoted on its verdict: one event records the verdict and the promotion
            version = version.withEvaluation(event.evaluation()).enter(
                    event.evaluation().passed() ? LifecycleStage.PASSED : LifecycleStage.FAILED, event.at(),
                    summary(event.evaluation()), event.eventId());
        }
        if (sequenced) {
            check(version.evaluated() || version.everChampion(), "promotes a version not evaluated");
            check(version.everChampion() || version.evaluation().passed()
                    || (OVERRIDE.equals(event.action()) && event.justification() != null
                    && !event.justification().isBlank()), "promotes a failed version without a justified override");
        }
        ModelHistory next = history.replace(version.enter(LifecycleStage.CHAMPION, event.at(), event.reason(),
                event.eventId()).withPromotedAt(event.at()));
        Integer previous = current != null && current != event.version() ? current : history.previousChampionVersion();
        if (current != null && current != event.version()) {
            ModelVersion replaced = next.version(current).orElseThrow();
            next = next.replace(replaced.enter(LifecycleStage.ARCHIVED, event.at(),
                    "replaced by version " + event.version(), event.eventId()));
        }
        List<Integer> line = new ArrayList<>(history.championLine());
        if (ROLLBACK.equals(event.action()) && line.contains(event.version())) {
            line = new ArrayList<>(line.subList(0, line.lastIndexOf(event.version()) + 1));
        } else {
            line.add(event.version());
        }
        ChampionChange change = new ChampionChange(event.version(), previous == null || previous == event.version()
                ? null : previous, event.at(), event.action(), event.actor() == null ? SELF : event.actor(),
                event.reason(), event.justification(), event.eventId(), event.sequence());
        return next.withChampion(event.version(), previous, line, change);
    }

    // ---------------------------------------------------------------- reads

    /**
     * The promotion to publish for the current champion of {@code model}: version, the champion it
     * replaced, artifact, dataset, spec hash, metrics of its evaluation, why (for an automatic
     * promotion why it was trained and the verdict; otherwise the rollback, approval or override),
     * when, how and by whom, candidate id and reference profile.
     */
    public synchronized Optional<ModelPromoted> promoted(String model) {
        ModelHistory history = models.get(model);
        if (history == null) {
            return Optional.empty();
        }
        return history.champion().map(champion -> {
            ModelTrained trained = champion.trained();
            ModelEvaluated evaluation = champion.evaluation();
            Optional<ChampionChange> change = history.currentChampionChange();
            String action = change.map(ChampionChange::action).orElse(null);
            String reason = action == null || AUTO.equals(action) ? promotionReason(trained, evaluation)
                    : change.get().reason();
            return new ModelPromoted(model, champion.version(), history.previousChampionVersion(), trained.artifact(),
                    trained.datasetId(), trained.specHash(), evaluation == null ? Map.of() : evaluation.metrics(),
                    reason, champion.promotedAt(), champion.candidateId(), trained.profile(), action,
                    change.map(ChampionChange::actor).orElse(SELF));
        });
    }

    public synchronized Optional<ModelHistory> model(String model) {
        return Optional.ofNullable(models.get(model));
    }

    /** Every model's history, by name; an immutable copy. */
    public synchronized Map<String, ModelHistory> models() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(models));
    }

    /** The model's position: how many of its events were applied. */
    public synchronized long position(String model) {
        return history(model).position();
    }

    /** The event applied at {@code position} of {@code model}'s log, if that position is taken. */
    public synchronized Optional<ModelLifecycleChanged> appliedAt(String model, long position) {
        List<ModelLifecycleChanged> log = logs.getOrDefault(model, List.of());
        return position >= 0 && position < log.size() ? Optional.of(log.get((int) position)) : Optional.empty();
    }

    /** The id of a sequenced lifecycle event: model, position, stage, version and alias decide it. */
    public static String eventId(String model, long sequence, LifecycleStage stage, int version, String alias) {
        return UUID.nameUUIDFromBytes((model + "/" + sequence + "/" + stage.name().toLowerCase() + "/" + version
                + (alias == null ? "" : "/" + alias)).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether {@code alias} is one the registry maintains itself. */
    public static boolean reserved(String alias) {
        return CHAMPION_ALIAS.equals(alias) || CHALLENGER_ALIAS.equals(alias);
    }

    // ---------------------------------------------------------------- helpers

    private ModelHistory history(String model) {
        return models.getOrDefault(model, ModelHistory.empty(model));
    }

    private ModelLifecycleChanged event(ModelHistory history, int version, String candidateId, LifecycleStage stage,
                                        String causationId, String reason, ModelTrained trained,
                                        ModelEvaluated evaluation, Integer previousVersion, String action,
                                        String actor, String justification, String alias) {
        long sequence = history.position();
        Instant at = clock.instant();
        return new ModelLifecycleChanged(eventId(history.model(), sequence, stage, version, alias), causationId,
                history.model(), version, candidateId, stage, reason, at, trained, evaluation, sequence, writer,
                previousVersion, action, actor, justification, alias);
    }

    private ModelHistory known(String model) {
        ModelHistory history = models.get(model);
        if (history == null) {
            throw RegistryRefusal.unknown("'" + model + "' has no versions");
        }
        return history;
    }

    private static void notChampion(ModelHistory history, ModelVersion target) {
        if (Integer.valueOf(target.version()).equals(history.championVersion())) {
            throw RegistryRefusal.conflict("version " + target.version() + " of '" + history.model()
                    + "' is already champion");
        }
    }

    private static void evaluatedVersion(ModelVersion target) {
        if (!target.evaluated()) {
            throw RegistryRefusal.conflict("version " + target.version() + " is not evaluated yet: wait for its verdict");
        }
    }

    private static void checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw RegistryRefusal.invalid("alias '" + alias + "' is not valid: use 1 to 63 of a-z, 0-9, '.', '_', '-'"
                    + ", starting with a letter or digit");
        }
        if (reserved(alias)) {
            throw RegistryRefusal.invalid("alias '" + alias + "' is maintained by the registry: approve, override or"
                    + " roll back to change the champion; the challenger is the newest passed version");
        }
    }

    private static ModelVersion known(ModelHistory history, ModelLifecycleChanged event) {
        ModelVersion version = history.version(event.version()).orElse(null);
        check(version != null, "names an unknown version");
        check(version.candidateId().equals(event.candidateId()), "names candidate " + event.candidateId()
                + " but version " + event.version() + " is " + version.candidateId());
        return version;
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String summary(ModelEvaluated evaluation) {
        return evaluation.summary() == null || evaluation.summary().isBlank()
                ? (evaluation.passed() ? "passed its gates" : "failed its gates") : evaluation.summary();
    }

    private static String versionName(Integer version) {
        return version == null ? "no champion" : "v" + version;
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
}
