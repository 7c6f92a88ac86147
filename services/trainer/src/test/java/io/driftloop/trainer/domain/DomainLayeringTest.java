package io.driftloop.trainer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DL4J stays behind {@link Learner} (the rule that keeps every domain free of the shell is the
 * service kit's DomainLayeringTest).
 */
class DomainLayeringTest {

    static final Path DOMAIN = Path.of("src/main/java/io/driftloop/trainer/domain");
    static final List<String> NATIVE = List.of("import org.deeplearning4j", "import org.nd4j");

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(DOMAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void onlyTheDl4jLearnerImportsDl4jOrNd4j() throws IOException {
        assertThat(sources()).filteredOn(source -> !source.endsWith("Dl4jLearner.java"))
                .allSatisfy(source -> assertThat(Files.readAllLines(source))
                        .as("%s must reach DL4J through the Learner interface", source.getFileName())
                        .noneMatch(line -> NATIVE.stream().anyMatch(line::startsWith)));
    }
}
