package io.driftloop.driftdetector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statistics agree with SciPy/numpy on the fixed-seed samples of
 * {@code src/test/resources/scipy/fixtures.json} (written by {@code generate.py} beside it; no Python
 * is needed to run this test). Tolerances: every statistic and distance to 1e-9 relative; KS p-values
 * to 1e-9 relative where SciPy's exact method applies (both sides at most 10,000 values: the same
 * algorithms), and to 1e-6 absolute in the asymptotic regime, where SciPy's Kolmogorov tail and ours
 * (Birnbaum–Tingey / Pelz–Good) are different numerical routes to the same distribution; chi-square
 * p-values to 1e-9 relative.
 */
class DriftStatisticsAgreeWithScipyTest {

    static final double RELATIVE = 1e-9;
    static final double ASYMPTOTIC_P = 1e-6;
    static final JsonNode FIXTURES = load();
    final DriftTests tests = new DriftTests();

    static JsonNode load() {
        try (InputStream in = DriftStatisticsAgreeWithScipyTest.class.getResourceAsStream("/scipy/fixtures.json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<JsonNode> numeric() {
        List<JsonNode> cases = new ArrayList<>();
        FIXTURES.get("numeric").forEach(cases::add);
        return cases.stream();
    }

    static Stream<JsonNode> categorical() {
        List<JsonNode> cases = new ArrayList<>();
        FIXTURES.get("categorical").forEach(cases::add);
        return cases.stream();
    }

    static double[] values(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new TreeMap<>();
        object.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    static void close(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(RELATIVE * Math.max(Math.abs(expected), 1e-300)));
    }

    @Test
    void theFixturesCoverTheExactAndTheAsymptoticKsRegimes() {
        assertThat(numeric().filter(c -> c.get("reference").size() > KsPValue.MAX_EXACT)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(numeric().filter(c -> c.get("reference").size() <= KsPValue.MAX_EXACT)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(categorical()).anyMatch(c -> c.get("name").asText().contains("unseen"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numeric")
    void ksMatchesScipyKs2samp(JsonNode c) {
        double[] reference = values(c.get("reference"));
        double[] current = values(c.get("current"));

        DriftTests.Result r = tests.ks(reference, current);

        close(r.statistic(), c.get("ksStatistic").asDouble(), "statistic");
        double expected = c.get("ksPValue").asDouble();
        if (Math.max(reference.length, current.length) <= KsPValue.MAX_EXACT) {
            close(r.pValue(), expected, "exact p-value");
        } else {
            assertThat(r.pValue()).as("asymptotic p-value").isCloseTo(expected, within(ASYMPTOTIC_P));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numeric")
    void distancesMatchScipyAndNumpy(JsonNode c) {
        Distribution reference = Distribution.of(values(c.get("reference")));
        Distribution current = Distribution.of(values(c.get("current")));

        close(tests.wasserstein(reference, current), c.get("wasserstein").asDouble(), "wasserstein / std");
        close(tests.jensenShannon(reference, current), c.get("jensenShannon").asDouble(), "jensen-shannon");
        close(tests.psi(reference, current), c.get("psi").asDouble(), "psi");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("categorical")
    void categoricalStatisticsMatchScipy(JsonNode c) {
        Map<String, Long> reference = counts(c.get("reference"));
        Map<String, Long> current = counts(c.get("current"));

        DriftTests.Result chi = tests.chiSquare(reference, current);

        close(chi.statistic(), c.get("chiSquareStatistic").asDouble(), "chi-square statistic");
        close(chi.pValue(), c.get("chiSquarePValue").asDouble(), "chi-square p-value");
        close(tests.jensenShannon(reference, current), c.get("jensenShannon").asDouble(), "jensen-shannon");
        close(tests.psi(reference, current), c.get("psi").asDouble(), "psi");
    }
}
