package io.driftloop.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry's state machine stays free of the messaging and REST shell. */
class DomainLayeringTest {

    static final Path DOMAIN = Path.of("src/main/java/io/driftloop/registry/domain");
    static final List<String> SHELL = List.of("import org.apache.kafka", "import io.quarkus", "import jakarta.",
            "import org.eclipse.microprofile", "import io.smallrye", "import io.micrometer", "import io.driftloop.kit");

    @Test
    void noDomainClassImportsKafkaQuarkusJakartaMicroProfileSmallRyeOrTheServiceKit() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(DOMAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).isNotEmpty().allSatisfy(source -> assertThat(Files.readAllLines(source))
                .as("%s must not use the shell: move that code to messaging/ or api/", source.getFileName())
                .noneMatch(line -> SHELL.stream().anyMatch(line::startsWith)));
    }
}
