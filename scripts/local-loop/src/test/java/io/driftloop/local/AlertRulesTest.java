package io.driftloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of {@code infra/prometheus/alerts.yml} are valid ({@code promtool check rules}) and
 * fire on the series that should fire them and not on their neighbours ({@code promtool test rules
 * alerts-test.yml}). Needs Debian's {@code prometheus} package (promtool); skipped without it unless
 * {@code DRIFTLOOP_REQUIRE_TOOLS=true}, as {@code .ci/run} sets after installing it.
 */
class AlertRulesTest {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path RULES = Path.of(System.getProperty("driftloop.repo", "../..")).resolve("infra/prometheus");

    @Test
    void theAlertRulesAreValidAndFireWhenTheyShould() throws Exception {
        boolean present = Files.isExecutable(PROMTOOL);
        if (!present && "true".equals(System.getenv("DRIFTLOOP_REQUIRE_TOOLS"))) {
            throw new IllegalStateException(PROMTOOL + " is missing: apt-get install prometheus");
        }
        Assumptions.assumeTrue(present, "no " + PROMTOOL + ": apt-get install prometheus");
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 8 rules found");
        assertThat(promtool("test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
