package io.driftloop.local.invariants;

import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.LifecycleStage;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelTrained;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The loop's delivery guarantees, checked on what the topics hold (read back by {@link TopicsSnapshot}):
 * nothing lost, nothing twice. Pure: the same snapshot gives the same report.
 *
 * <ol>
 *   <li><b>every labelled inference became exactly one example</b>: each (model, request id) with an
 *       inference and a feedback, neither dead-lettered, has exactly one record on
 *       {@code ct.examples.v1}; and no (model, request id) has two;</li>
 *   <li><b>every retrain request at most one dataset</b>: the {@code DatasetReady} events caused by
 *       one request name one dataset id;</li>
 *   <li><b>every dataset at most one candidate per configuration</b>: the {@code ModelTrained} events
 *       of one dataset and one configuration (hyperparameters) name one candidate id;</li>
 *   <li><b>every candidate at most one version</b>: of the lifecycle events that took effect (the
 *       registry's sequence rule), the {@code candidate} events of one candidate id name one version;</li>
 *   <li><b>no version promoted twice</b>: the {@code champion} events that took effect, other than a
 *       {@code rollback}, promote each (model, version) once;</li>
 *   <li><b>every consumer group caught up</b>: committed offsets at the end of every partition they
 *       read; data-prep's request group may lag by the retrain requests that have no dataset yet (a
 *       request waits for examples, holding its offset, until its data deadline).</li>
 * </ol>
 */
public final class Invariants {

    /** The consumer group in which data-prep handles retrain requests. */
    static final String DATA_PREP_REQUESTS = "data-prep";

    /** One invariant: how many things it looked at, and what broke it (empty when it holds). */
    public record Check(String name, long checked, List<String> violations) {

        public boolean holds() {
            return violations.isEmpty();
        }
    }

    /** Every check of a snapshot. */
    public record Report(List<Check> checks) {

        public boolean holds() {
            return checks.stream().allMatch(Check::holds);
        }

        /** A table: invariant, what was checked, holds or the first violations. */
        public String table() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-58s %10s  %s%n", "invariant", "checked",
                    "result"));
            for (Check c : checks) {
                s.append(String.format(Locale.ROOT, "%-58s %,10d  %s%n", c.name(), c.checked(), c.holds() ? "holds"
                        : "VIOLATED (" + c.violations().size() + "): " + String.join("; ",
                        c.violations().subList(0, Math.min(3, c.violations().size())))));
            }
            return s.toString();
        }
    }

    private Invariants() {
    }

    public static Report check(TopicsSnapshot t) {
        return new Report(List.of(examples(t), datasets(t), candidates(t), versions(t), promotions(t), groups(t)));
    }

    static Check examples(TopicsSnapshot t) {
        Set<String> inferred = new HashSet<>(t.inferences());
        Set<String> paired = new HashSet<>();
        for (String key : t.feedbacks()) {
            if (inferred.contains(key) && !t.deadLettered().contains(key)) {
                paired.add(key);
            }
        }
        Map<String, Integer> examples = new HashMap<>();
        t.examples().forEach(k -> examples.merge(k, 1, Integer::sum));
        List<String> violations = new ArrayList<>();
        int missing = 0;
        for (String key : new java.util.TreeSet<>(paired)) {
            if (!examples.containsKey(key)) {
                if (missing++ < 5) {
                    violations.add("no example for " + key);
                }
            }
        }
        if (missing > 5) {
            violations.add((missing - 5) + " more labelled inferences without an example");
        }
        long duplicated = examples.values().stream().filter(n -> n > 1).count();
        new TreeMap<>(examples).forEach((key, n) -> {
            if (n > 1) {
                violations.add(n + " examples for " + key);
            }
        });
        if (!violations.isEmpty()) {
            violations.add(0, missing + " labelled inferences without an example, " + duplicated
                    + " with more than one");
        }
        return new Check("every labelled inference became exactly one example", paired.size(), violations);
    }

    static Check datasets(TopicsSnapshot t) {
        Map<String, Set<String>> byRequest = new LinkedHashMap<>();
        for (DatasetReady d : t.datasets()) {
            byRequest.computeIfAbsent(d.causationId(), r -> new java.util.TreeSet<>()).add(d.datasetId());
        }
        List<String> violations = new ArrayList<>();
        byRequest.forEach((request, ids) -> {
            if (ids.size() > 1) {
                violations.add("request " + request + " has datasets " + ids);
            }
        });
        return new Check("every retrain request at most one dataset", t.requests().size(), violations);
    }

    static Check candidates(TopicsSnapshot t) {
        Map<String, Set<String>> byConfiguration = new LinkedHashMap<>();
        for (ModelTrained m : t.trained()) {
            String config = m.datasetId() + " " + new TreeMap<>(m.hyperparameters() == null ? Map.of()
                    : m.hyperparameters());
            byConfiguration.computeIfAbsent(config, c -> new java.util.TreeSet<>()).add(m.candidateId());
        }
        List<String> violations = new ArrayList<>();
        byConfiguration.forEach((config, ids) -> {
            if (ids.size() > 1) {
                violations.add("dataset and configuration " + config + " have candidates " + ids);
            }
        });
        return new Check("every dataset at most one candidate per configuration",
                t.trained().stream().map(ModelTrained::datasetId).distinct().count(), violations);
    }

    static Check versions(TopicsSnapshot t) {
        Map<String, Set<Integer>> byCandidate = new LinkedHashMap<>();
        for (ModelLifecycleChanged e : applied(t.lifecycle())) {
            if (e.stage() == LifecycleStage.CANDIDATE && e.candidateId() != null) {
                byCandidate.computeIfAbsent(e.candidateId(), c -> new java.util.TreeSet<>()).add(e.version());
            }
        }
        List<String> violations = new ArrayList<>();
        byCandidate.forEach((candidate, versions) -> {
            if (versions.size() > 1) {
                violations.add("candidate " + candidate + " is versions " + versions);
            }
        });
        return new Check("every candidate at most one version", byCandidate.size(), violations);
    }

    static Check promotions(TopicsSnapshot t) {
        Map<String, Integer> promoted = new TreeMap<>();
        for (ModelLifecycleChanged e : applied(t.lifecycle())) {
            if (e.stage() == LifecycleStage.CHAMPION && !"rollback".equals(e.action())) {
                promoted.merge(e.model() + " v" + e.version(), 1, Integer::sum);
            }
        }
        List<String> violations = new ArrayList<>();
        promoted.forEach((version, n) -> {
            if (n > 1) {
                violations.add(version + " promoted " + n + " times");
            }
        });
        return new Check("no version promoted twice", promoted.size(), violations);
    }

    static Check groups(TopicsSnapshot t) {
        List<String> violations = new ArrayList<>();
        // a retrain request without a dataset yet is work in flight: data-prep holds its offset while
        // it waits for examples (up to the spec's dataDeadline), so its group may lag by that many
        Set<String> answered = t.datasets().stream().map(DatasetReady::causationId).collect(Collectors.toSet());
        long inFlight = t.requests().stream().filter(r -> !answered.contains(r)).count();
        new TreeMap<>(t.groupLag()).forEach((group, lag) -> {
            if (lag > (group.equals(DATA_PREP_REQUESTS) ? inFlight : 0)) {
                violations.add(group + " lags " + lag);
            }
        });
        return new Check("every consumer group caught up", t.groupLag().size(), violations);
    }

    /**
     * The lifecycle events that took effect, in log order: per model an event counts only when its
     * {@code sequence} equals the number of that model's events counted before it; an event without
     * a sequence counts once per event id.
     */
    static List<ModelLifecycleChanged> applied(List<ModelLifecycleChanged> log) {
        Map<String, Long> counted = new HashMap<>();
        Set<String> unsequenced = new HashSet<>();
        List<ModelLifecycleChanged> out = new ArrayList<>();
        for (ModelLifecycleChanged e : log) {
            long position = counted.getOrDefault(e.model(), 0L);
            boolean applies = e.sequence() == null ? unsequenced.add(e.eventId()) : e.sequence() == position;
            if (applies) {
                counted.put(e.model(), position + 1);
                out.add(e);
            }
        }
        return out;
    }
}
