package io.driftloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void asciiAndValidMultiByteTextDecode() {
        assertThat(Utf8.strict("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"a\":1}");
        assertThat(Utf8.strict("région Zürich 東京 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo("région Zürich 東京 😀");
        assertThat(Utf8.strict(new byte[0])).isEmpty();
        assertThat(Utf8.strict(null)).isNull();
    }

    @Test
    void brokenBytesAreRefusedNotReplaced() {
        byte[] broken = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> Utf8.strict(broken)).isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("the value is not valid UTF-8");
        // a lone continuation byte, a truncated sequence, an overlong encoding
        for (byte[] b : new byte[][] {{(byte) 0x80}, {'x', (byte) 0xE6, (byte) 0x9D}, {(byte) 0xC0, (byte) 0xAF}}) {
            assertThatThrownBy(() -> Utf8.strict(b)).isInstanceOf(InvalidEventException.class);
        }
    }
}
