package io.driftloop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one layering rule of every service: the pure core ({@code …/domain/}) imports no Kafka,
 * Quarkus, Jakarta, MicroProfile, SmallRye or Micrometer type and nothing of the service kit; those
 * belong to the {@code messaging/} and {@code api/} shell around it.
 */
class DomainLayeringTest {

    static final Path SERVICES = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SHELL = List.of("import org.apache.kafka", "import io.quarkus", "import jakarta.",
            "import javax.", "import org.eclipse.microprofile", "import io.smallrye", "import io.micrometer",
            "import io.driftloop.kit", "import static org.apache.kafka", "import static io.quarkus");

    static List<Path> domainSources() throws IOException {
        try (Stream<Path> files = Files.walk(SERVICES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/") && f.toString().contains("/domain/"))
                    .sorted().toList();
        }
    }

    @Test
    void everyServiceHasAPureCore() throws IOException {
        List<String> services = domainSources().stream().map(f -> SERVICES.relativize(f).getName(0).toString())
                .distinct().toList();
        assertThat(services).contains("data-prep", "drift-detector", "evaluator", "registry", "scorer", "trainer");
    }

    @Test
    void noDomainClassImportsTheShell() throws IOException {
        assertThat(domainSources()).isNotEmpty().allSatisfy(source -> assertThat(Files.readAllLines(source))
                .as("%s must not use the shell: move that code to messaging/ or api/", SERVICES.relativize(source))
                .noneMatch(line -> SHELL.stream().anyMatch(line.strip()::startsWith)));
    }
}
