package io.driftloop.follow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void backoffDoublesFrom200MillisUpToItsCap() {
        assertThat(Backoff.millis(0, 30_000)).isZero();
        assertThat(Backoff.millis(1, 30_000)).isEqualTo(200);
        assertThat(Backoff.millis(2, 30_000)).isEqualTo(400);
        assertThat(Backoff.millis(8, 30_000)).isEqualTo(25_600);
        assertThat(Backoff.millis(9, 30_000)).isEqualTo(30_000);
        assertThat(Backoff.millis(1_000, 30_000)).isEqualTo(30_000);
    }

    @Test
    void withoutACapTheWaitStopsAtThirtySeconds() {
        assertThat(Backoff.millis(9)).isEqualTo(Backoff.millis(9, 30_000)).isEqualTo(Backoff.MAX_MILLIS);
    }
}
