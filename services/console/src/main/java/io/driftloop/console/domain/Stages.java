package io.driftloop.console.domain;

import java.util.List;

/**
 * The loop's stages in the order events flow through them, and which stage a consumer group belongs
 * to: the stage of its name, or of its name's prefix ({@code trainer-trials} is the trainer's,
 * {@code data-prep-join} data-prep's); any other group is "other".
 */
public final class Stages {

    public static final List<String> ORDER = List.of("drift-detector", "data-prep", "trainer", "evaluator", "registry",
            "scorer");
    public static final String OTHER = "other";

    private Stages() {
    }

    public static String of(String group) {
        String best = OTHER;
        for (String stage : ORDER) {
            if ((group.equals(stage) || group.startsWith(stage + "-")) && (best.equals(OTHER) || stage.length() > best.length())) {
                best = stage;
            }
        }
        return best;
    }
}
