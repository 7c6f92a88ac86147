package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochShuffleTest {

    @Test
    void anOrderIsAPermutationOfEveryRow() {
        int[] order = EpochShuffle.order(100, 42, 1);
        assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(IntStream.range(0, 100).toArray());
        assertThat(order).isNotEqualTo(IntStream.range(0, 100).toArray());
    }

    @Test
    void theSameSeedAndEpochGiveTheSameOrder() {
        assertThat(EpochShuffle.order(50, 7, 3)).isEqualTo(EpochShuffle.order(50, 7, 3));
    }

    @Test
    void eachEpochAndEachSeedHasItsOwnOrder() {
        assertThat(EpochShuffle.order(50, 7, 3)).isNotEqualTo(EpochShuffle.order(50, 7, 4));
        assertThat(EpochShuffle.order(50, 7, 3)).isNotEqualTo(EpochShuffle.order(50, 8, 3));
    }

    @Test
    void emptyAndSingleRowOrdersAreTrivial() {
        assertThat(EpochShuffle.order(0, 1, 1)).isEmpty();
        assertThat(EpochShuffle.order(1, 1, 1)).containsExactly(0);
    }
}
