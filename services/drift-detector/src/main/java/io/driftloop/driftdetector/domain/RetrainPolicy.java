package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.DriftSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decides, per model, when a retraining is requested. The rules:
 * <ul>
 *   <li>cooldown: after any request for a model (of any trigger, made here or seen on the topic)
 *       no second request is made until the spec's {@code cooldown} has passed;</li>
 *   <li>bootstrap: a model with no champion and at least {@code bootstrapExamples} labelled
 *       examples gets one request; it is repeated only once the cooldown has passed and there is
 *       still no champion;</li>
 *   <li>drift: a drifted window of a model with a champion gets a request whose data starts at the
 *       window's earliest event; further drifted windows of the same champion version request
 *       again only after the cooldown, so many drifted windows make no storm of requests;</li>
 *   <li>a new champion answers the requests made before it: the cooldown ends, the drift history
 *       of the old champion no longer matters, and a model that loses its champion may bootstrap
 *       again.</li>
 * </ul>
 * Every decision carries its explanation. Time comes from the injected clock. Not thread-safe.
 */
public final class RetrainPolicy {

    private static final class State {
        Instant lastRequestAt;
        RetrainTrigger lastTrigger;
        Instant bootstrapRequestedAt;
        Integer driftRequestedFor;
        Instant driftRequestedAt;
        Integer championVersion;
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
        String cooling = coolingDown(s, drift.cooldown(), now);
        if (cooling != null) {
            return Decision.none(model, RetrainTrigger.BOOTSTRAP, "no bootstrap: " + cooling);
        }
        String reason = "bootstrap: no champion yet, " + examples + " labelled examples";
        if (s.bootstrapRequestedAt != null) {
            reason += " (repeated: still no champion after the request at " + s.bootstrapRequestedAt
                    + " and the cooldown of " + drift.cooldown() + ")";
        }
        RetrainRequested request = new RetrainRequested(id("bootstrap/" + model + "/" + now), null, model,
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
            return Decision.none(model, RetrainTrigger.DRIFT, "no drift: " + summary);
        }
        if (stats.championVersion() == null) {
            return Decision.none(model, RetrainTrigger.DRIFT, "no drift request: " + model + " has no champion");
        }
        Instant now = clock.instant();
        String cooling = coolingDown(s, drift.cooldown(), now);
        if (cooling != null) {
            return Decision.none(model, RetrainTrigger.DRIFT, "drifted but no request: " + cooling + "; " + summary);
        }
        String reason = "drift: " + summary + "; champion v" + stats.championVersion();
        if (stats.championVersion().equals(s.driftRequestedFor)) {
            reason += " (repeated: champion v" + s.driftRequestedFor + " still drifts after the request at "
                    + s.driftRequestedAt + " and the cooldown of " + drift.cooldown() + ")";
        }
        RetrainRequested request = new RetrainRequested(id("retrain/" + stats.eventId()), stats.eventId(), model,
                RetrainTrigger.DRIFT, reason, stats.windowStart(), drift.retrainExamples(), now);
        record(request);
        s.driftRequestedFor = stats.championVersion();
        s.driftRequestedAt = now;
        return Decision.request(request);
    }

    /** A new champion ({@code version}), or none (null) after the model's champion was removed. */
    public void championChanged(String model, Integer version) {
        State s = state(model);
        if (version != null && !version.equals(s.championVersion)) {
            s.lastRequestAt = null;
            s.lastTrigger = null;
        }
        s.championVersion = version;
        if (version == null) {
            s.bootstrapRequestedAt = null;
        }
        if (version == null || !version.equals(s.driftRequestedFor)) {
            s.driftRequestedFor = null;
            s.driftRequestedAt = null;
        }
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
        if (s.lastRequestAt == null || request.requestedAt().isAfter(s.lastRequestAt)) {
            s.lastRequestAt = request.requestedAt();
            s.lastTrigger = request.trigger();
        }
        if (request.trigger() == RetrainTrigger.BOOTSTRAP
                && (s.bootstrapRequestedAt == null || request.requestedAt().isAfter(s.bootstrapRequestedAt))) {
            s.bootstrapRequestedAt = request.requestedAt();
        }
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

    /** "2 of 4 features drifted (p &lt; 0.05): age, income; share 0.50 &gt;= 0.30". */
    static String summary(DriftStats stats) {
        long drifted = stats.features().stream().filter(FeatureDrift::drifted).count();
        double p = stats.features().isEmpty() ? Double.NaN : stats.features().get(0).threshold();
        String names = stats.features().stream().filter(FeatureDrift::drifted).map(FeatureDrift::feature)
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%d of %d features drifted (p < %s)%s; share %.2f %s %.2f", drifted,
                stats.features().size(), Double.isNaN(p) ? "-" : Double.toString(p), names.isEmpty() ? "" : ": " + names,
                stats.shareDrifted(), stats.drifted() ? ">=" : "<", stats.threshold());
    }

    private State state(String model) {
        return states.computeIfAbsent(model, m -> new State());
    }

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
