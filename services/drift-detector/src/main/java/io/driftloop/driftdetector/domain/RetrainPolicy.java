package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.RetrainAbandoned;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.events.Verdict;
import io.driftloop.contracts.spec.DriftSpec;
import io.driftloop.driftdetector.domain.concept.Alarm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decides, per model, when a retraining is requested. The rules:
 * <ul>
 *   <li>hysteresis: a drift request needs {@code hysteresis} consecutive drifted windows of the same
 *       champion; a window that does not drift, or a new champion, starts the count again, and a
 *       request uses the count up;</li>
 *   <li>one in flight: after any request for a model (of any trigger, made here or seen on the
 *       topic) no further automatic request is made until it is released by an evaluation verdict
 *       for the model made after it, by a champion promoted after it, or by {@code inFlightTimeout};
 *       drift alarms meanwhile are folded into the open request, so one drift makes one request;</li>
 *   <li>cooldown: after any request no second automatic request is made until the spec's
 *       {@code cooldown} has passed; a new champion ends it;</li>
 *   <li>attempts: a failed or undecidable verdict on an automatic request starts no cooldown: the
 *       trigger stays armed and asks again, with the same data start and at least twice the examples of
 *       the dataset that failed, once that many new labelled examples have arrived since that dataset
 *       was cut (a backoff counted in examples); drift alarms meanwhile are folded into the armed
 *       attempt. After {@code maxAttempts} attempts it gives up (a {@link GiveUp}) and the cooldown
 *       starts at the last verdict. A passed verdict or a new champion ends the series;</li>
 *   <li>bootstrap: a model with no champion and at least {@code bootstrapExamples} labelled
 *       examples gets one request; it is repeated only once released and cooled down and if there
 *       is still no champion;</li>
 *   <li>drift: the request's data starts at the earliest event of the drifted window;</li>
 *   <li>schedule: a champion promoted longer ago than {@code maxModelAge} (when set) is retrained;</li>
 *   <li>manual: an operator's request is made at once, unless one is in flight and not forced;
 *       the cooldown does not hold it back.</li>
 * </ul>
 * Request ids are derived from what caused them and from the count of earlier requests of the same
 * kind, never from the time, so a replay yields the same ids. Every decision carries its explanation.
 * Time comes from the injected clock. Not thread-safe.
 */
public final class RetrainPolicy {

    private static final class State {
        Instant lastRequestAt;
        RetrainTrigger lastTrigger;
        Instant bootstrapRequestedAt;
        Integer driftRequestedFor;
        Instant driftRequestedAt;
        Integer championVersion;
        /** Consecutive drifted windows of {@link #streakChampion} not yet used by a request. */
        int streak;
        Integer streakChampion;
        /** The latest request seen or made; in flight unless released or timed out. */
        RetrainRequested open;
        /** Requests made before this instant are answered, and so is {@link #releasedRequest}. */
        Instant releasedAt;
        String releasedRequest;
        String releasedBy;
        /** Drift alarms folded into {@link #open}. */
        int folded;
        /** Ids of every request recorded, so one seen twice (made here, then read back) counts once. */
        final java.util.Set<String> seen = new java.util.HashSet<>();
        /** First attempts recorded per trigger (bootstrap, manual, schedule, drift): the next one's ordinal. */
        final Map<String, Integer> counts = new HashMap<>();
        /** The first request of the current series of attempts, and how many were made. */
        RetrainRequested seriesFirst;
        int attempts;
        /** The dataset cut for the open request: its rows and the labelled examples read when it was seen. */
        String datasetFor;
        long datasetRows;
        long examplesAtDataset;
        /** Armed: the next attempt is made once the model has {@link #retryAtExamples} labelled examples. */
        boolean armed;
        long retryAtExamples;
        int retryMinExamples;
        String retryCause;
        String retryWhy;
    }

    /**
     * The trigger gave up on a series: {@code attempts} requests, the last answered by a verdict that
     * failed or could not decide. {@code first} names the series.
     */
    public record GiveUp(String model, RetrainRequested first, int attempts, String verdict, String explanation,
                         String verdictId, Instant at) {

        /** The event announcing it; its id follows from the series, so a replayed give-up has the same one. */
        public RetrainAbandoned event() {
            return new RetrainAbandoned(id("abandoned/" + first.eventId()), verdictId, model, first.trigger(),
                    first.eventId(), attempts, verdict, explanation, at);
        }
    }

    private final Clock clock;
    private final Map<String, State> states = new HashMap<>();

    public RetrainPolicy(Clock clock) {
        this.clock = clock;
    }

    /** Whether a model without a champion and with {@code examples} labelled examples gets its first training. */
    public Decision bootstrap(String model, DriftSpec drift, boolean hasChampion, long examples) {
        State s = state(model);
        if (hasChampion) {
            return Decision.none(model, RetrainTrigger.BOOTSTRAP, "no bootstrap: " + model + " has a champion");
        }
        if (examples < drift.bootstrapExamples()) {
            return Decision.none(model, RetrainTrigger.BOOTSTRAP, "no bootstrap yet: " + examples + " of "
                    + drift.bootstrapExamples() + " labelled examples");
        }
        Instant now = clock.instant();
        String busy = heldBack(s, drift, now);
        if (busy != null) {
            return Decision.none(model, RetrainTrigger.BOOTSTRAP, "no bootstrap: " + busy);
        }
        String cooling = coolingDown(s, drift.cooldown(), now);
        if (cooling != null) {
            return Decision.none(model, RetrainTrigger.BOOTSTRAP, "no bootstrap: " + cooling);
        }
        String reason = "bootstrap: no champion yet, " + examples + " labelled examples";
        if (s.bootstrapRequestedAt != null) {
            reason += " (repeated: still no champion after the request at " + s.bootstrapRequestedAt
                    + " and the cooldown of " + drift.cooldown() + ")";
        }
        RetrainRequested request = new RetrainRequested(id("bootstrap/" + model + "/" + next(s, "bootstrap")), null, model,
                RetrainTrigger.BOOTSTRAP, reason, null, drift.bootstrapExamples(), now);
        record(request);
        return Decision.request(request);
    }

    /**
     * Whether the window behind {@code stats} gets a retraining. The request's data starts at the
     * window's earliest event ({@code stats.windowStart()}) and its cause is the statistics event.
     */
    public Decision drift(DriftStats stats, DriftSpec drift) {
        String model = stats.model();
        State s = state(model);
        String summary = summary(stats);
        if (!stats.drifted()) {
            String reset = s.streak > 0 ? "; the count of " + s.streak + " consecutive drifted windows starts again" : "";
            s.streak = 0;
            return Decision.none(model, RetrainTrigger.DRIFT, "no drift: " + summary + reset);
        }
        if (stats.championVersion() == null) {
            return Decision.none(model, RetrainTrigger.DRIFT, "no drift request: " + model + " has no champion");
        }
        if (!stats.championVersion().equals(s.streakChampion)) {
            s.streak = 0;
            s.streakChampion = stats.championVersion();
        }
        s.streak++;
        int needed = drift.hysteresis();
        String count = "drifted window " + Math.min(s.streak, needed) + " of " + needed + " needed";
        if (s.streak < needed) {
            return Decision.none(model, RetrainTrigger.DRIFT, "drifted but no request yet: " + count + " (hysteresis); "
                    + summary + "; champion v" + stats.championVersion());
        }
        Instant now = clock.instant();
        String busy = heldBack(s, drift, now);
        if (busy != null) {
            s.folded++;
            return Decision.folded(model, "drift alarm folded into the open request (" + s.folded
                    + " folded so far): " + busy + "; " + summary + "; champion v" + stats.championVersion());
        }
        String cooling = coolingDown(s, drift.cooldown(), now);
        if (cooling != null) {
            return Decision.none(model, RetrainTrigger.DRIFT, "drifted but no request: " + cooling + "; " + summary);
        }
        String reason = "drift: " + summary + "; champion v" + stats.championVersion();
        if (needed > 1) {
            reason += "; " + needed + " consecutive drifted windows (hysteresis " + needed + ")";
        }
        if (stats.championVersion().equals(s.driftRequestedFor)) {
            reason += " (repeated: champion v" + s.driftRequestedFor + " still drifts after the request at "
                    + s.driftRequestedAt + ", " + (s.releasedBy == null ? "released" : s.releasedBy)
                    + ", and the cooldown of " + drift.cooldown() + ")";
        }
        RetrainRequested request = new RetrainRequested(id("retrain/" + stats.eventId()), stats.eventId(), model,
                RetrainTrigger.DRIFT, reason, stats.windowStart(), drift.retrainExamples(), now);
        record(request);
        s.streak = 0;
        s.driftRequestedFor = stats.championVersion();
        s.driftRequestedAt = now;
        return Decision.request(request);
    }

    /**
     * Whether a concept drift found in the champion's error stream gets a retraining. A drift
     * request like one from drifted windows (no hysteresis: the detector already weighed the
     * evidence): folded into a request in flight, held back by the cooldown, otherwise made with
     * data from {@code dataSince} (the example that raised the alarm), caused by that example.
     */
    public Decision concept(Alarm alarm, String causationId, Instant dataSince, DriftSpec drift) {
        String model = alarm.model();
        State s = state(model);
        String what = conceptSummary(alarm);
        if (!Integer.valueOf(alarm.championVersion()).equals(s.championVersion) && s.championVersion != null) {
            return Decision.none(model, RetrainTrigger.DRIFT, "no request: " + what + ", but the champion is now v"
                    + s.championVersion);
        }
        Instant now = clock.instant();
        String busy = heldBack(s, drift, now);
        if (busy != null) {
            s.folded++;
            return Decision.folded(model, "concept-drift alarm folded into the open request (" + s.folded
                    + " folded so far): " + busy + "; " + what);
        }
        String cooling = coolingDown(s, drift.cooldown(), now);
        if (cooling != null) {
            return Decision.none(model, RetrainTrigger.DRIFT, "concept drift but no request: " + cooling + "; " + what);
        }
        RetrainRequested request = new RetrainRequested(id("retrain/concept/" + model + "/" + alarm.championVersion()
                + "/" + alarm.detector() + "/" + alarm.examplesSinceReset()), causationId, model, RetrainTrigger.DRIFT,
                "drift: " + what, dataSince, drift.retrainExamples(), now);
        record(request);
        s.driftRequestedFor = alarm.championVersion();
        s.driftRequestedAt = now;
        return Decision.request(request);
    }

    /** "concept drift in the error stream of champion v2 (adwin, 1840 labelled examples): error 0.08 → 0.31". */
    static String conceptSummary(Alarm alarm) {
        String rates = alarm.errorBefore() != null && alarm.errorAfter() != null
                ? String.format(Locale.ROOT, ": error rate %.3f -> %.3f", alarm.errorBefore(), alarm.errorAfter())
                : "";
        return "concept drift in the error stream of champion v" + alarm.championVersion() + " (" + alarm.detector()
                + ", " + alarm.examplesSinceReset() + " labelled examples since its reset)" + rates;
    }

    /**
     * Whether the champion ({@code version}, promoted at {@code promotedAt}) is older than the
     * spec's {@code maxModelAge} and gets a scheduled retraining. Off when {@code maxModelAge} is
     * null or the model has no champion.
     */
    public Decision schedule(String model, DriftSpec drift, Integer version, Instant promotedAt) {
        if (drift.maxModelAge() == null) {
            return Decision.none(model, RetrainTrigger.SCHEDULE, "no maximum model age set");
        }
        if (version == null || promotedAt == null) {
            return Decision.none(model, RetrainTrigger.SCHEDULE, "no scheduled retraining: " + model + " has no champion");
        }
        State s = state(model);
        Instant now = clock.instant();
        Duration age = Duration.between(promotedAt, now);
        String ageText = "champion v" + version + " promoted at " + promotedAt + " is " + age + " old";
        if (age.compareTo(drift.maxModelAge()) <= 0) {
            return Decision.none(model, RetrainTrigger.SCHEDULE, "no scheduled retraining: " + ageText
                    + ", within the maximum age of " + drift.maxModelAge());
        }
        String busy = heldBack(s, drift, now);
        if (busy != null) {
            return Decision.none(model, RetrainTrigger.SCHEDULE, "no scheduled retraining: " + busy + "; " + ageText);
        }
        String cooling = coolingDown(s, drift.cooldown(), now);
        if (cooling != null) {
            return Decision.none(model, RetrainTrigger.SCHEDULE, "no scheduled retraining: " + cooling + "; " + ageText);
        }
        String reason = "schedule: " + ageText + ", older than the maximum age of " + drift.maxModelAge();
        RetrainRequested request = new RetrainRequested(id("schedule/" + model + "/v" + version + "/"
                + next(s, "schedule")), null,
                model, RetrainTrigger.SCHEDULE, reason, null, drift.retrainExamples(), now);
        record(request);
        return Decision.request(request);
    }

    /**
     * An operator asks for a retraining. Made at once (the cooldown does not apply) unless a request
     * is in flight; {@code force} makes it even then. The request uses all data ({@code dataSince}
     * null) and waits for {@code retrainExamples} examples.
     */
    public Decision manual(String model, DriftSpec drift, String why, boolean force) {
        State s = state(model);
        Instant now = clock.instant();
        String busy = inFlight(s, drift, now);
        if (busy != null && !force) {
            return Decision.none(model, RetrainTrigger.MANUAL, "no manual request: " + busy
                    + "; force it to request anyway");
        }
        String reason = "manual: " + (why == null || why.isBlank() ? "requested by an operator" : why.strip());
        if (busy != null) {
            reason += " (forced while " + busy + ")";
        }
        RetrainRequested request = new RetrainRequested(id("manual/" + model + "/" + next(s, "manual")),
                null, model, RetrainTrigger.MANUAL, reason, null, drift.retrainExamples(), now);
        record(request);
        return Decision.request(request);
    }

    /** The request of {@code model} in flight now, if any. */
    public Optional<RetrainRequested> inFlight(String model, DriftSpec drift) {
        State s = state(model);
        return inFlight(s, drift, clock.instant()) == null ? Optional.empty() : Optional.of(s.open);
    }

    /**
     * A verdict for {@code model} on a candidate, made at {@code evaluatedAt} (now when unknown):
     * it answers every request made before it, whatever its outcome. A verdict older than the open
     * request (read late, e.g. while the history is replayed) leaves that request in flight. A verdict
     * that did not pass, on the open request of an automatic series, arms the next attempt (no
     * cooldown) or, after {@code drift.maxAttempts}, gives up.
     *
     * @param examples the model's labelled examples read so far
     * @param summary  the verdict's summary, quoted in the next attempt's reason
     * @return the give-up, when this verdict ended a series without a champion
     */
    public Optional<GiveUp> evaluated(String model, String candidateId, Verdict verdict, Instant evaluatedAt,
                                      DriftSpec drift, long examples, String verdictId, String summary) {
        Instant now = clock.instant();
        // another service's clock: a verdict is never taken as later than now here
        Instant at = evaluatedAt == null || evaluatedAt.isAfter(now) ? now : evaluatedAt;
        State s = state(model);
        if (verdictId != null && !s.seen.add("verdict/" + verdictId)) {
            return Optional.empty();
        }
        String outcome = verdict.name().toLowerCase(Locale.ROOT);
        RetrainRequested open = s.open;
        boolean answersOpen = open != null && !open.requestedAt().isAfter(at) && !answered(s);
        release(s, at, "answered by the " + outcome + " verdict on " + candidateId + " at " + at);
        if (!answersOpen || open.trigger() == RetrainTrigger.MANUAL || s.seriesFirst == null
                || !open.series().equals(s.seriesFirst.eventId())) {
            return Optional.empty();
        }
        if (verdict == Verdict.PASSED) {
            s.armed = false;
            return Optional.empty();
        }
        long rows = open.eventId().equals(s.datasetFor) ? s.datasetRows : open.minExamples();
        long base = open.eventId().equals(s.datasetFor) ? s.examplesAtDataset : examples;
        String what = "the " + outcome + " verdict on " + candidateId + " (" + summary + ")";
        if (s.attempts >= drift.maxAttempts()) {
            s.armed = false;
            s.lastRequestAt = at;
            s.lastTrigger = open.trigger();
            return Optional.of(new GiveUp(model, s.seriesFirst, s.attempts, outcome, "gave up on the "
                    + open.trigger().name().toLowerCase(Locale.ROOT) + " retraining of " + model + " after "
                    + s.attempts + " of " + drift.maxAttempts() + " attempts; the last ended in " + what
                    + "; the cooldown of " + drift.cooldown() + " starts now", verdictId, at));
        }
        s.armed = true;
        s.retryAtExamples = base + rows;
        s.retryMinExamples = (int) Math.min(Integer.MAX_VALUE, Math.max(2 * rows, open.minExamples()));
        s.retryCause = verdictId;
        s.retryWhy = "attempt " + (s.attempts + 1) + " of " + drift.maxAttempts() + " after " + what;
        // a failed or undecidable verdict starts no cooldown: the armed attempt decides when to ask again
        s.lastRequestAt = null;
        s.lastTrigger = null;
        return Optional.empty();
    }

    /**
     * The dataset cut for a request of {@code model} ({@code requestId}) has {@code rows} rows; the
     * model had {@code examples} labelled examples when it was seen. The next attempt, if one is
     * armed, waits for as many new examples as that dataset had.
     */
    public void datasetCut(String model, String requestId, long rows, long examples) {
        State s = state(model);
        if (s.open != null && s.open.eventId().equals(requestId) && !requestId.equals(s.datasetFor)) {
            s.datasetFor = requestId;
            s.datasetRows = rows;
            s.examplesAtDataset = examples;
        }
    }

    /**
     * Whether the armed next attempt of {@code model}'s series is made now, the model having
     * {@code examples} labelled examples. Made once the examples reached the count the verdict set,
     * with the first request's trigger and data start, at least twice the failed dataset's examples,
     * caused by the verdict; its id follows from the series and the attempt number.
     */
    public Decision retry(String model, DriftSpec drift, long examples) {
        State s = state(model);
        if (!s.armed) {
            return Decision.none(model, RetrainTrigger.DRIFT, "no attempt armed for " + model);
        }
        RetrainRequested first = s.seriesFirst;
        String busy = inFlight(s, drift, clock.instant());
        if (busy != null) {
            return Decision.none(model, first.trigger(), "no attempt yet: " + busy);
        }
        if (examples < s.retryAtExamples) {
            return Decision.none(model, first.trigger(), armedText(s) + " (" + examples + " now)");
        }
        int attempt = s.attempts + 1;
        String reason = first.reason() + "; " + s.retryWhy + "; labelled examples grew to " + examples
                + ", the dataset waits for at least " + s.retryMinExamples;
        RetrainRequested request = new RetrainRequested(id("attempt/" + first.eventId() + "/" + attempt),
                s.retryCause, model, first.trigger(), reason, first.dataSince(), s.retryMinExamples, clock.instant(),
                attempt, first.eventId());
        record(request);
        return Decision.request(request);
    }

    /** Why no automatic request is made now: a request in flight or an armed next attempt; null when neither. */
    private static String heldBack(State s, DriftSpec drift, Instant now) {
        String busy = inFlight(s, drift, now);
        return busy != null || !s.armed ? busy : armedText(s);
    }

    private static String armedText(State s) {
        return s.retryWhy + " is armed: it is made once the model has " + s.retryAtExamples
                + " labelled examples";
    }

    /** A new champion ({@code version}), or none (null) after the model's champion was removed. */
    public void championChanged(String model, Integer version) {
        championChanged(model, version, null);
    }

    /**
     * A new champion ({@code version}, promoted at {@code promotedAt}, now when unknown), or none
     * (null) after the model's champion was removed. A new champion answers the requests made
     * before its promotion and ends the cooldown.
     */
    public void championChanged(String model, Integer version, Instant promotedAt) {
        State s = state(model);
        if (version != null && !version.equals(s.championVersion)) {
            s.lastRequestAt = null;
            s.lastTrigger = null;
            s.armed = false;
            s.seriesFirst = null;
            Instant at = promotedAt == null ? clock.instant() : promotedAt;
            release(s, at, "answered by champion v" + version + " promoted at " + at);
        }
        s.championVersion = version;
        if (version == null) {
            s.bootstrapRequestedAt = null;
        }
        if (version == null || !version.equals(s.driftRequestedFor)) {
            s.driftRequestedFor = null;
            s.driftRequestedAt = null;
        }
        if (version == null || !version.equals(s.streakChampion)) {
            s.streak = 0;
            s.streakChampion = version;
        }
    }

    /** Consecutive drifted windows of a champion not yet used by a request: the hysteresis count. */
    public record Streak(int windows, Integer championVersion) {
    }

    /** The model's hysteresis count, for a checkpoint. */
    public Streak streak(String model) {
        State s = states.get(model);
        return s == null ? new Streak(0, null) : new Streak(s.streak, s.streakChampion);
    }

    /** Restores the model's hysteresis count from a checkpoint. */
    public void restoreStreak(String model, Streak streak) {
        State s = state(model);
        s.streak = streak.windows();
        s.streakChampion = streak.championVersion();
    }

    /**
     * A request seen on the requests topic, made here or elsewhere (an operator, a schedule, this
     * service before a restart): its {@code requestedAt} starts the cooldown. Seeing the same
     * request again changes nothing.
     */
    public void observe(RetrainRequested request) {
        record(request);
    }

    private void record(RetrainRequested request) {
        State s = state(request.model());
        if (!s.seen.add(request.eventId())) {
            return;
        }
        if (request.attemptNumber() == 1) {
            s.counts.merge(request.trigger().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            s.seriesFirst = request;
            s.attempts = 1;
            s.armed = false;
        } else if (s.seriesFirst != null && request.series().equals(s.seriesFirst.eventId())) {
            s.attempts = Math.max(s.attempts, request.attemptNumber());
            s.armed = false;
        }
        // the latest request is the open one; at the same instant, one made after the open one was answered
        if (s.open == null || request.requestedAt().isAfter(s.open.requestedAt())
                || answered(s) && !request.requestedAt().isBefore(s.open.requestedAt())) {
            s.open = request;
            s.folded = 0;
        }
        if (s.lastRequestAt == null || request.requestedAt().isAfter(s.lastRequestAt)) {
            s.lastRequestAt = request.requestedAt();
            s.lastTrigger = request.trigger();
        }
        if (request.trigger() == RetrainTrigger.BOOTSTRAP
                && (s.bootstrapRequestedAt == null || request.requestedAt().isAfter(s.bootstrapRequestedAt))) {
            s.bootstrapRequestedAt = request.requestedAt();
        }
    }

    private static void release(State s, Instant at, String by) {
        if (s.releasedAt == null || at.isAfter(s.releasedAt)) {
            s.releasedAt = at;
            s.releasedBy = by;
        }
        if (s.open != null && !s.open.requestedAt().isAfter(at)) {
            s.releasedRequest = s.open.eventId();
        }
    }

    /** Whether the open request of {@code s} was answered (by a verdict or a champion). */
    private static boolean answered(State s) {
        return s.open.eventId().equals(s.releasedRequest)
                || s.releasedAt != null && s.open.requestedAt().isBefore(s.releasedAt);
    }

    /** Why the open request of {@code s} is in flight at {@code now}, or null when none is. */
    private static String inFlight(State s, DriftSpec drift, Instant now) {
        RetrainRequested open = s.open;
        if (open == null || answered(s)) {
            return null;
        }
        Instant until = open.requestedAt().plus(drift.inFlightTimeout());
        if (!now.isBefore(until)) {
            return null;
        }
        return "request " + open.eventId() + " (" + open.trigger().name().toLowerCase(Locale.ROOT) + ", at "
                + open.requestedAt() + ") is in flight until its verdict, a new champion or " + until;
    }

    private static String coolingDown(State s, Duration cooldown, Instant now) {
        if (s.lastRequestAt == null) {
            return null;
        }
        Instant until = s.lastRequestAt.plus(cooldown);
        if (now.isBefore(until)) {
            return "cooldown of " + cooldown + " after the " + s.lastTrigger.name().toLowerCase(Locale.ROOT)
                    + " request at " + s.lastRequestAt + " lasts until " + until;
        }
        return null;
    }

    /**
     * "2 of 4 features drifted (p &lt; 0.05): age, income; share 0.50 &gt;= 0.30"; with distances the
     * criteria are listed as they occur, e.g. "(p &lt; 0.05, wasserstein &gt;= 0.1)".
     */
    static String summary(DriftStats stats) {
        long drifted = stats.features().stream().filter(FeatureDrift::drifted).count();
        String criteria = stats.features().stream().map(RetrainPolicy::criterion).distinct()
                .collect(Collectors.joining(", "));
        String names = stats.features().stream().filter(FeatureDrift::drifted).map(FeatureDrift::feature)
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%d of %d features drifted (%s)%s; share %.2f %s %.2f", drifted,
                stats.features().size(), criteria.isEmpty() ? "p < -" : criteria, names.isEmpty() ? "" : ": " + names,
                stats.shareDrifted(), stats.drifted() ? ">=" : "<", stats.threshold());
    }

    private static String criterion(FeatureDrift f) {
        return FeatureDrift.DISTANCE.equals(f.kind())
                ? f.test() + " >= " + f.threshold() + (f.pValue() == null ? "" : " and calibrated p")
                : "p < " + f.threshold();
    }

    /** The ordinal of the next request of {@code kind} for the model: 1 + those recorded so far. */
    private static int next(State s, String kind) {
        return s.counts.getOrDefault(kind, 0) + 1;
    }

    private State state(String model) {
        return states.computeIfAbsent(model, m -> new State());
    }

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
