package io.driftloop.registry.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator's re-drive of dead letters does, decided before anything is sent: a dead letter
 * of {@code <topic>.dlq} goes back to {@code <topic>} — the target comes from the dead-letter
 * topic's name, never from a record's header, which anyone allowed to dead-letter could forge — and
 * each source record goes back once however many services dead-lettered it. Topics the registry
 * writes from its own decisions (specs, lifecycle, promotions) are never re-driven: a record put on
 * their dead-letter topic would come out as one of the registry's own.
 */
public final class Redrives {

    /** The suffix of every dead-letter topic. */
    public static final String SUFFIX = ".dlq";

    /** Topics only the registry's own decisions may write. */
    public static final Set<String> NEVER = Set.of("ct.model.specs.v1", "ct.model.lifecycle.v1", "ct.model.promoted.v1");

    /** A dead letter's position on its dead-letter topic. */
    public record Position(int partition, long offset) {

        @Override
        public String toString() {
            return partition + "/" + offset;
        }
    }

    /** A dead letter as read: where it is, and where its headers say it came from (null when they do not). */
    public record DeadLetter(Position position, String sourceTopic, Integer sourcePartition, Long sourceOffset) {

        String source() {
            return sourceTopic + "/" + sourcePartition + "/" + sourceOffset;
        }
    }

    /** One asked position: re-driven (reason null) or skipped with the reason. */
    public record Decision(Position position, DeadLetter deadLetter, String skipped) {

        public boolean redrive() {
            return skipped == null;
        }
    }

    private Redrives() {
    }

    /** The topic the dead letters of {@code deadLetterTopic} go back to, or why they cannot. */
    public static String target(String deadLetterTopic) {
        if (deadLetterTopic == null || !deadLetterTopic.endsWith(SUFFIX) || deadLetterTopic.length() == SUFFIX.length()) {
            throw new IllegalArgumentException("'" + deadLetterTopic + "' is not a dead-letter topic (<topic>" + SUFFIX + ")");
        }
        String target = deadLetterTopic.substring(0, deadLetterTopic.length() - SUFFIX.length());
        if (NEVER.contains(target)) {
            throw new IllegalArgumentException(target + " is written by the registry's own decisions only; its dead "
                    + "letters are not re-driven (publish a corrected record through the registry's API instead)");
        }
        return target;
    }

    /**
     * Decides each asked position of {@code deadLetterTopic} in the order asked, each once: {@code
     * found} holds the dead letters read (a position missing from it has no record: past the end,
     * deleted by retention).
     */
    public static List<Decision> decide(String deadLetterTopic, List<Position> asked, Map<Position, DeadLetter> found) {
        String target = target(deadLetterTopic);
        Map<String, Position> sources = new HashMap<>();
        List<Decision> out = new ArrayList<>();
        for (Position p : new LinkedHashSet<>(asked)) {
            DeadLetter d = found.get(p);
            out.add(new Decision(p, d, skipped(target, deadLetterTopic, p, d, sources).orElse(null)));
        }
        return out;
    }

    private static Optional<String> skipped(String target, String deadLetterTopic, Position p, DeadLetter d,
                                            Map<String, Position> sources) {
        if (d == null) {
            return Optional.of("no record at " + deadLetterTopic + " " + p + " (past the end, or removed by retention)");
        }
        if (!target.equals(d.sourceTopic())) {
            return Optional.of("its dl_source_topic header is " + (d.sourceTopic() == null ? "missing" : "'" + d.sourceTopic() + "'")
                    + ", not " + target + ": not a dead letter of " + target);
        }
        if (d.sourcePartition() == null || d.sourceOffset() == null) {
            return Optional.of("its dl_source_partition / dl_source_offset headers are missing or not numbers");
        }
        Position first = sources.putIfAbsent(d.source(), p);
        if (first != null) {
            return Optional.of("the same source record (" + d.source() + ") as " + first + ", re-driven once");
        }
        return Optional.empty();
    }
}
