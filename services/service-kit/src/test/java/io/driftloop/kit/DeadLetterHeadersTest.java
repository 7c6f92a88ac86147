package io.driftloop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.EventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    static RecordHeaders headers(String... pairs) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            h.add(pairs[i], pairs[i + 1] == null ? null : pairs[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }

    @Test
    void readsWhatDeadLettersWrote() {
        DeadLetterHeaders h = DeadLetterHeaders.of(headers(EventHeaders.DL_REASON, "missing required field 'model'",
                EventHeaders.DL_SERVICE, "drift-detector", EventHeaders.DL_SOURCE_TOPIC, "ct.inference.v1",
                EventHeaders.DL_SOURCE_PARTITION, "3", EventHeaders.DL_SOURCE_OFFSET, " 1234 ",
                EventHeaders.DL_REDRIVEN_FROM, "ct.inference.v1.dlq/0/7"));
        assertThat(h).isEqualTo(new DeadLetterHeaders("missing required field 'model'", "drift-detector",
                "ct.inference.v1", 3, 1234L, "ct.inference.v1.dlq/0/7"));
    }

    @Test
    void aMissingHeaderOrAPositionThatIsNotANumberIsNull() {
        DeadLetterHeaders h = DeadLetterHeaders.of(headers(EventHeaders.DL_SOURCE_PARTITION, "three",
                EventHeaders.DL_SOURCE_OFFSET, null, EventHeaders.DL_REASON, "first", EventHeaders.DL_REASON, "last"));
        assertThat(h.sourcePartition()).isNull();
        assertThat(h.sourceOffset()).isNull();
        assertThat(h.sourceTopic()).isNull();
        assertThat(h.reason()).as("the last header of a name").isEqualTo("last");
    }

    @Test
    void theDeadLetterHeadersAreTheDlOnes() {
        assertThat(DeadLetterHeaders.isDeadLetterHeader(EventHeaders.DL_REASON)).isTrue();
        assertThat(DeadLetterHeaders.isDeadLetterHeader(EventHeaders.DL_REDRIVEN_FROM)).isTrue();
        assertThat(DeadLetterHeaders.isDeadLetterHeader(EventHeaders.CE_ID)).isFalse();
    }
}
