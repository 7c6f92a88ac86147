package io.driftloop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void anIdIsNewOnlyTheFirstTime() {
        SeenIds seen = new SeenIds(10);
        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
        assertThat(seen.contains("a")).isTrue();
        assertThat(seen.contains("b")).isFalse();
    }

    @Test
    void theOldestIdsAreForgottenPastTheCapacity() {
        SeenIds seen = new SeenIds(2);
        seen.firstTime("a");
        seen.firstTime("b");
        seen.firstTime("c");
        assertThat(seen.contains("a")).isFalse();
        assertThat(seen.contains("b")).isTrue();
        assertThat(seen.contains("c")).isTrue();
    }
}
