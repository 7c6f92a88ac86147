package io.driftloop.contracts.events;

import java.util.List;

/**
 * How data-prep sized a dataset so that every declared gate can decide: what it required, how many
 * labelled examples that came to, and what was still missing when it cut (at its deadline).
 *
 * @param requiredExamples examples the rule asked for (an estimate from the group and label shares seen
 *                         so far, at least the request's minimum)
 * @param examples         examples in the dataset
 * @param sufficient       whether every requirement was met at the cut; false when the deadline came first
 * @param requirements     every requirement with its count at the cut, e.g.
 *                         {@code "gender=f: 20 test rows (had 23)"}
 * @param shortfalls       the requirements not met at the cut, same form; empty when sufficient
 * @param waited           milliseconds data-prep waited for examples before cutting
 */
public record DatasetSizing(int requiredExamples, int examples, boolean sufficient, List<String> requirements,
                            List<String> shortfalls, long waited) {

    public DatasetSizing {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        shortfalls = shortfalls == null ? List.of() : List.copyOf(shortfalls);
    }
}
