package io.driftloop.kit;

import io.driftloop.contracts.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a dead letter's {@code dl_*} headers say (written by {@link DeadLetters}, and by the registry's
 * re-drive for {@code dl_redriven_from}): the one reader of them. A header that is missing, or a
 * position that is not a number, is null.
 *
 * @param reason          why the record was dead-lettered
 * @param service         the service that dead-lettered it
 * @param sourceTopic     the topic it was read from
 * @param sourcePartition its partition there
 * @param sourceOffset    its offset there
 * @param redrivenFrom    on a re-driven record, the dead letter it came from ({@code <topic>.dlq/<partition>/<offset>})
 */
public record DeadLetterHeaders(String reason, String service, String sourceTopic, Integer sourcePartition,
                                Long sourceOffset, String redrivenFrom) {

    /** The dead-letter headers among {@code headers}. */
    public static DeadLetterHeaders of(Headers headers) {
        return new DeadLetterHeaders(text(headers, EventHeaders.DL_REASON), text(headers, EventHeaders.DL_SERVICE),
                text(headers, EventHeaders.DL_SOURCE_TOPIC), number(headers, EventHeaders.DL_SOURCE_PARTITION, Integer::valueOf),
                number(headers, EventHeaders.DL_SOURCE_OFFSET, Long::valueOf), text(headers, EventHeaders.DL_REDRIVEN_FROM));
    }

    /** Whether {@code key} is one of the dead-letter headers ({@code dl_*}), which a re-drive drops. */
    public static boolean isDeadLetterHeader(String key) {
        return key.startsWith("dl_");
    }

    /** The last value of header {@code name} as UTF-8 text, or null. */
    static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static <N> N number(Headers headers, String name, Function<String, N> parse) {
        String s = text(headers, name);
        try {
            return s == null ? null : parse.apply(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
