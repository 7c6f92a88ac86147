package io.driftloop.evaluator.domain;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Demographic parity of one sensitive attribute: every group's positive-prediction rate (sorted by
 * group name) and the difference between the highest and lowest rate among the groups with at
 * least {@code minGroupSize} rows. With fewer than two such groups there is nothing to compare and
 * the difference is 0. Smaller groups are listed but do not count.
 */
public record ParityReport(String attribute, int minGroupSize, List<GroupRate> groups, double difference) {

    public ParityReport {
        groups = List.copyOf(groups);
    }

    public List<GroupRate> gatedGroups() {
        return groups.stream().filter(GroupRate::gated).toList();
    }

    public List<GroupRate> ungatedGroups() {
        return groups.stream().filter(g -> !g.gated()).toList();
    }

    /** A sentence naming the groups and rates behind the difference, e.g. for a gate's detail. */
    public String describe() {
        List<GroupRate> gated = gatedGroups();
        StringBuilder s = new StringBuilder();
        if (gated.size() < 2) {
            s.append(attribute).append(": fewer than two groups with at least ").append(minGroupSize)
                    .append(" rows, nothing to compare");
        } else {
            GroupRate low = gated.stream().min((a, b) -> Double.compare(a.rate(), b.rate())).orElseThrow();
            GroupRate high = gated.stream().max((a, b) -> Double.compare(a.rate(), b.rate())).orElseThrow();
            s.append(attribute).append(": positive-prediction rate ranges from ").append(rate(low))
                    .append(" to ").append(rate(high)).append(", a gap of ").append(fmt(difference));
        }
        List<GroupRate> small = ungatedGroups();
        if (!small.isEmpty()) {
            s.append("; not gated (fewer than ").append(minGroupSize).append(" rows): ")
                    .append(small.stream().map(ParityReport::rate).collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static String rate(GroupRate g) {
        return g.group() + " " + fmt(g.rate()) + " of " + g.rows();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
