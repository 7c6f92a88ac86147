package io.driftloop.scorer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {

    @Test
    void aNamedModelIsTakenAsNamed() {
        assertThat(new ModelChoice(Set.of(), Optional.empty()).resolve("m", Set.of())).isEqualTo("m");
    }

    @Test
    void aNameOutsideTheServedListIsRefusedNamingTheList() {
        assertThatThrownBy(() -> new ModelChoice(Set.of("a", "b"), Optional.empty()).resolve("c", Set.of("a")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("[a, b]").hasMessageContaining("'c'");
    }

    @Test
    void withoutANameTheDefaultModelIsTaken() {
        assertThat(new ModelChoice(Set.of("a", "b"), Optional.of("b")).resolve(null, Set.of("a"))).isEqualTo("b");
    }

    @Test
    void withoutANameOrDefaultTheOnlyServedModelIsTaken() {
        assertThat(new ModelChoice(Set.of("a"), Optional.empty()).resolve(" ", Set.of())).isEqualTo("a");
        assertThat(new ModelChoice(Set.of(), Optional.empty()).resolve(null, Set.of("z"))).isEqualTo("z");
    }

    @Test
    void withoutANameAmongSeveralModelsTheCallerMustName() {
        assertThatThrownBy(() -> new ModelChoice(Set.of(), Optional.empty()).resolve(null, Set.of("a", "b")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name the model");
    }

    @Test
    void withoutANameBeforeAnyModelServesItIsNoModelYet() {
        assertThatThrownBy(() -> new ModelChoice(Set.of(), Optional.empty()).resolve(null, Set.of()))
                .isInstanceOf(NoModelException.class);
    }
}
