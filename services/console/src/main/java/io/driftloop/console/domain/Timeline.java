package io.driftloop.console.domain;

import io.driftloop.contracts.events.Adaptation;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainAbandoned;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's adaptations, each a retrain request and what followed it, linked by the events' own
 * causation ids whatever order the topics gave them in: the first drifted window (when the
 * drift-detector measured the adaptation), the request, the dataset cut for it, the candidate
 * trained on that dataset, its verdict, its promotion, and the first request the new version
 * served. Pure and thread-safe.
 */
public final class Timeline {

    /** One step: what happened, when, and the figures. */
    public record Step(String name, Instant at, String detail) {
    }

    /**
     * One retrain request and what followed it.
     *
     * @param state   "served v2", "promoted v2", "failed its gates", "undecided: …", "abandoned", or
     *                "in flight: …" with what it waits for
     * @param version the version it was promoted as, null when it was not
     */
    public record Episode(String model, String requestId, String trigger, int attempt, List<Step> steps, String state,
                          Integer version) {

        public Step last() {
            return steps.get(steps.size() - 1);
        }

        public boolean inFlight() {
            return state.startsWith(IN_FLIGHT);
        }

        /** While in flight, what it waits for ("waiting for a dataset", "training", …); else empty. */
        public java.util.Optional<String> waitingFor() {
            return inFlight() ? java.util.Optional.of(state.substring(IN_FLIGHT.length())) : java.util.Optional.empty();
        }

        /** When its first step happened (null when unknown). */
        public java.time.Instant startedAt() {
            return steps.isEmpty() ? null : steps.get(0).at();
        }

        /** From its first step to its last. */
        public Duration took() {
            return Duration.between(steps.get(0).at(), last().at());
        }
    }

    public static final String IN_FLIGHT = "in flight: ";

    private Timeline() {
    }

    /** The model's episodes, the newest request first. */
    public static List<Episode> episodes(String model, History h) {
        Map<String, DatasetReady> datasetOf = new HashMap<>();
        h.datasets().forEach(d -> datasetOf.putIfAbsent(d.causationId(), d));
        Map<String, ModelTrained> candidateOf = new HashMap<>();
        h.candidates().forEach(t -> candidateOf.putIfAbsent(t.causationId(), t));
        Map<String, ModelEvaluated> verdictOf = new HashMap<>();
        h.verdicts().forEach(e -> verdictOf.put(e.candidateId(), e));
        Map<String, ModelPromoted> promotionOf = new HashMap<>();
        h.promotions().forEach(p -> promotionOf.putIfAbsent(p.candidateId(), p));
        Map<Integer, Adaptation> adaptationTo = new HashMap<>();
        h.adaptations().forEach(a -> adaptationTo.putIfAbsent(a.toVersion(), a));

        List<Episode> out = new ArrayList<>();
        List<RetrainRequested> requests = new ArrayList<>(h.requests());
        requests.sort(Comparator.comparing(RetrainRequested::requestedAt,
                Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        for (RetrainRequested r : requests) {
            List<Step> steps = new ArrayList<>();
            String trigger = r.trigger() == null ? "" : r.trigger().name().toLowerCase(Locale.ROOT);
            steps.add(new Step("retrain requested", r.requestedAt(), trigger + ": " + r.reason()
                    + (r.attemptNumber() > 1 ? " (attempt " + r.attemptNumber() + ")" : "")));
            String state = IN_FLIGHT + "waiting for a dataset";
            Integer version = null;
            DatasetReady d = datasetOf.get(r.eventId());
            if (d != null) {
                steps.add(new Step("dataset", d.createdAt(), (d.counts() == null ? "" : d.counts().total() + " rows (test "
                        + d.counts().test() + ")") + " " + shortId(d.datasetId())));
                state = IN_FLIGHT + "training";
                ModelTrained t = candidateOf.get(d.eventId());
                if (t != null) {
                    steps.add(new Step("candidate", t.trainedAt(), shortId(t.candidateId())
                            + (t.trials() == null || t.trials().isEmpty() ? "" : ", " + t.trials().size() + " trials")));
                    state = IN_FLIGHT + "evaluating";
                    ModelEvaluated e = verdictOf.get(t.candidateId());
                    if (e != null) {
                        Verdict v = e.verdict();
                        steps.add(new Step("verdict", e.evaluatedAt(), v.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + (e.summary() == null ? "" : ": " + e.summary())));
                        state = v == Verdict.PASSED ? IN_FLIGHT + "waiting for promotion"
                                : v == Verdict.FAILED ? "failed its gates" : "undecided: a gate needs more test rows";
                        ModelPromoted p = promotionOf.get(t.candidateId());
                        if (p != null) {
                            version = p.version();
                            steps.add(new Step("promoted", p.promotedAt(), "v" + p.version()
                                    + (p.previousVersion() == null ? "" : " (previous v" + p.previousVersion() + ")")));
                            state = "promoted v" + p.version();
                            Adaptation a = adaptationTo.get(p.version());
                            if (a != null) {
                                steps.add(0, new Step("first drifted window", a.driftedAt(), "of champion v" + a.fromVersion()));
                                steps.add(new Step("first served", a.servedAt(), String.format(Locale.ROOT,
                                        "v%d, %.1f s after the first drifted window", a.toVersion(), a.seconds())));
                                state = "served v" + p.version();
                            }
                        }
                    }
                }
            }
            for (RetrainAbandoned a : h.abandoned()) {
                String first = r.firstAttemptId() == null ? r.eventId() : r.firstAttemptId();
                if (first.equals(a.firstAttemptId()) && !state.startsWith("promoted") && !state.startsWith("served")
                        && r.attemptNumber() == a.attempts()) {
                    steps.add(new Step("abandoned", a.abandonedAt(), a.reason()));
                    state = "abandoned";
                }
            }
            out.add(new Episode(model, r.eventId(), trigger, r.attemptNumber(), List.copyOf(steps), state, version));
        }
        return List.copyOf(out);
    }

    private static String shortId(String id) {
        if (id == null) {
            return "";
        }
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
