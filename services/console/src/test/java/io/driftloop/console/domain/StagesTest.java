package io.driftloop.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StagesTest {

    @Test
    void aGroupBelongsToTheStageItsNameIsOrStartsWith() {
        assertThat(Stages.of("trainer")).isEqualTo("trainer");
        assertThat(Stages.of("trainer-trials")).isEqualTo("trainer");
        assertThat(Stages.of("data-prep-join")).isEqualTo("data-prep");
        assertThat(Stages.of("drift-detector")).isEqualTo("drift-detector");
        assertThat(Stages.of("registry")).isEqualTo("registry");
    }

    @Test
    void anyOtherGroupIsOther() {
        assertThat(Stages.of("trainers")).isEqualTo(Stages.OTHER);
        assertThat(Stages.of("my-app")).isEqualTo(Stages.OTHER);
        assertThat(Stages.of("")).isEqualTo(Stages.OTHER);
    }

    @Test
    void theStagesAreInTheOrderEventsFlow() {
        assertThat(Stages.ORDER).containsExactly("drift-detector", "data-prep", "trainer", "evaluator", "registry", "scorer");
    }
}
