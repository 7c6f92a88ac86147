package io.driftloop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import io.driftloop.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParsingConsumerRateTest {

    final JsonFactory json = new JsonFactory();

    @Test
    void readsEveryNumberAndEveryStringOfAValue() throws Exception {
        byte[] value = "{\"a\":1.5,\"bb\":\"xyz\",\"c\":[2,-0.25,null,true],\"d\":{\"e\":1e2}}".getBytes(StandardCharsets.UTF_8);

        // numbers 1.5 + 2 - 0.25 + 100, names a bb c d e (6 characters), the string xyz (3)
        assertThat(ParsingConsumerRate.parse(json, value)).isEqualTo(103.25 + 6 + 3);
    }

    @Test
    void readsABenchmarkEventWhole() throws Exception {
        String event = Json.encode(new WideTraffic(3).event(0, false, Instant.parse("2026-11-24T00:00:00Z")));

        assertThat(ParsingConsumerRate.parse(json, event.getBytes(StandardCharsets.UTF_8))).isGreaterThan(0);
    }

    @Test
    void aValueThatIsNotJsonFails() {
        assertThatThrownBy(() -> ParsingConsumerRate.parse(json, "{\"a\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonParseException.class);
    }
}
