package io.driftloop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RawConsumerRateTest {

    static final String OUTPUT = """
            start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
            2026-11-23 19:40:01:123, 2026-11-23 19:40:05:623, 640.5000, 142.3333, 1000000, 222222.2222, 3000, 1500, 427.0000, 666666.6667
            """;

    @Test
    void parsesTheResultLineAfterTheHeader() {
        RawConsumerRate.Result r = RawConsumerRate.parse("WARN something first\n" + OUTPUT);

        assertThat(r.messages()).isEqualTo(1_000_000);
        assertThat(r.megabytes()).isEqualTo(640.5);
        assertThat(r.rebalanceMs()).isEqualTo(3000);
        assertThat(r.fetchMs()).isEqualTo(1500);
        assertThat(r.elapsedMs()).isEqualTo(4500);
        assertThat(r.msgsPerSec()).isEqualTo(222222.2222);
        assertThat(r.fetchMbPerSec()).isEqualTo(427.0);
        assertThat(r.fetchMsgsPerSec()).isEqualTo(666666.6667);
    }

    @Test
    void outputWithoutAResultLineIsAnError() {
        assertThatThrownBy(() -> RawConsumerRate.parse("Exception in thread main\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no result line");
    }
}
