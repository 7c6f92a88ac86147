package io.driftloop.contracts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.model.NetworkArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class NetworkArchiveTest {

    static byte[] zip(String... entriesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(entriesAndContents[i]));
                z.write(entriesAndContents[i + 1].getBytes());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aNetworkOfConfigurationAndCoefficientsIsSafe() throws IOException {
        assertThatCode(() -> NetworkArchive.requireSafe(zip("configuration.json", "{}", "coefficients.bin", "abc")))
                .doesNotThrowAnyException();
        assertThatCode(() -> NetworkArchive.requireSafe(zip("configuration.json", "{}", "noParams.marker", "",
                "updaterState.bin", "x"))).doesNotThrowAnyException();
    }

    @Test
    void aPreprocessorForJavaDeserializationIsRefused() throws IOException {
        byte[] archive = zip("configuration.json", "{}", "coefficients.bin", "abc", "preprocessor.bin", "\u00ac\u00ed");
        assertThatThrownBy(() -> NetworkArchive.requireSafe(archive)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'preprocessor.bin'").hasMessageContaining("Java deserialization");
    }

    @Test
    void anyOtherEntryNestedPathEmptyOrNonZipIsRefused() throws IOException {
        assertThatThrownBy(() -> NetworkArchive.requireSafe(zip("configuration.json", "{}", "../evil", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../evil'");
        assertThatThrownBy(() -> NetworkArchive.requireSafe(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> NetworkArchive.requireSafe("not a zip".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no entries");
    }

    @Test
    void anArchiveInflatingBeyondTheLimitIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("coefficients.bin"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written <= NetworkArchive.MAX_UNCOMPRESSED_BYTES; written += zeros.length) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        byte[] bomb = out.toByteArray();
        org.assertj.core.api.Assertions.assertThat(bomb.length).isLessThan(2 << 20);
        assertThatThrownBy(() -> NetworkArchive.requireSafe(bomb)).hasMessageContaining("inflates to more than");
    }
}
