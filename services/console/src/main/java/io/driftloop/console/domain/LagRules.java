package io.driftloop.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Burrow's consumer-lag rules, on a sliding window of observed committed offsets rather than of
 * commits, and aware of each stage's rhythm. For one partition, the first rule that applies:
 * <ol>
 *   <li>ERR when the committed offset went back between two observations (rewound), or stands past
 *       the end of the log;</li>
 *   <li>OK when the lag was 0 at any observation of the window (Burrow: a consumer that caught up
 *       within the window is not behind);</li>
 *   <li>STOP when no member of the group consumes while records wait;</li>
 *   <li>when the committed offset stood still over the whole window: STALL once it has stood for
 *       longer than the stage's {@link Rhythm#mayHold()}, OK (holding) until then;</li>
 *   <li>WARN when the lag grew or held at every observation and is larger at the end (Burrow: the
 *       consumer moves but falls behind), with at least {@value #TREND} observations;</li>
 *   <li>OK otherwise (consuming).</li>
 * </ol>
 * A group's status is its worst partition's. Pure and thread-safe.
 */
public final class LagRules {

    /** Observations a trend needs before it can warn. */
    public static final int TREND = 3;

    private LagRules() {
    }

    /**
     * The status of one partition from its window at {@code now}; {@code active}: whether the group
     * has members.
     */
    public static Verdict evaluate(PartitionTrack track, boolean active, Instant now, Rhythm rhythm) {
        List<OffsetSample> w = track.samples();
        if (w.isEmpty()) {
            throw new IllegalArgumentException("no observation to judge");
        }
        OffsetSample first = w.get(0);
        OffsetSample last = w.get(w.size() - 1);
        for (int i = 1; i < w.size(); i++) {
            if (w.get(i).committed() < w.get(i - 1).committed()) {
                return new Verdict(LagStatus.ERR, "rewound: the committed offset went back from "
                        + w.get(i - 1).committed() + " to " + w.get(i).committed());
            }
        }
        if (last.committed() > last.end()) {
            return new Verdict(LagStatus.ERR, "the committed offset " + last.committed() + " is past the end of the log ("
                    + last.end() + ")");
        }
        if (w.stream().anyMatch(s -> s.lag() == 0)) {
            return new Verdict(LagStatus.OK, last.lag() == 0 ? "caught up"
                    : "lag " + last.lag() + ", caught up within the last " + span(first, last));
        }
        if (!active) {
            return new Verdict(LagStatus.STOP, "no member consumes while " + last.lag() + " record(s) wait");
        }
        if (first.committed() == last.committed()) {
            Duration held = Duration.between(track.heldSince(), now);
            String holding = "offset " + last.committed() + " held for " + human(held) + " with " + last.lag()
                    + " record(s) waiting";
            if (held.compareTo(rhythm.mayHold()) > 0) {
                return new Verdict(LagStatus.STALL, holding + ", longer than the " + human(rhythm.mayHold())
                        + " the stage may hold one (" + rhythm.why() + ")");
            }
            return new Verdict(LagStatus.OK, holding + ", within the " + human(rhythm.mayHold())
                    + " the stage may hold one (" + rhythm.why() + ")");
        }
        if (w.size() >= TREND && last.lag() > first.lag() && nonDecreasingLag(w)) {
            return new Verdict(LagStatus.WARN, "lag grew at every observation: " + w.stream()
                    .map(s -> Long.toString(s.lag())).collect(Collectors.joining(" → "))
                    + String.format(Locale.ROOT, " while consuming %.1f records/s", track.rate()));
        }
        return new Verdict(LagStatus.OK, String.format(Locale.ROOT, "consuming %.1f records/s, lag %d", track.rate(),
                last.lag()));
    }

    /**
     * The group's status: its worst partition's, the rule prefixed with the partition (keys are
     * partition names such as {@code ct.inference.v1-3}); OK "no committed offsets" for none.
     */
    public static Verdict worst(Map<String, Verdict> partitions) {
        Map.Entry<String, Verdict> worst = null;
        for (Map.Entry<String, Verdict> e : new TreeMap<>(partitions).entrySet()) {
            if (worst == null || e.getValue().status().ordinal() > worst.getValue().status().ordinal()) {
                worst = e;
            }
        }
        if (worst == null) {
            return new Verdict(LagStatus.OK, "no committed offsets");
        }
        return new Verdict(worst.getValue().status(), worst.getKey() + ": " + worst.getValue().rule());
    }

    private static boolean nonDecreasingLag(List<OffsetSample> w) {
        for (int i = 1; i < w.size(); i++) {
            if (w.get(i).lag() < w.get(i - 1).lag()) {
                return false;
            }
        }
        return true;
    }

    private static String span(OffsetSample first, OffsetSample last) {
        return human(Duration.between(first.at(), last.at()));
    }

    /** 45 s, 3 min 20 s, 1 h 5 min. */
    public static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }
}
