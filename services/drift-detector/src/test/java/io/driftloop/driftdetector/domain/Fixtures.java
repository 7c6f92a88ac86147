package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/** Specs, profiles and events shared by the domain tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    static final String MODEL = "credit-risk";

    private Fixtures() {
    }

    /** age, income numeric; region categorical; window of {@code window}, share threshold 0.5, cooldown 10 min. */
    static ModelSpec spec(int window) {
        return spec(window, "cooldown: PT10M");
    }

    /** As {@link #spec(int)}, with {@code drift} settings such as {@code "cooldown: PT0S, hysteresis: 2"}. */
    static ModelSpec spec(int window, String driftSettings) {
        return ModelSpecs.parse("""
                name: credit-risk
                task: binary-classification
                features:
                  - {name: age, type: numeric}
                  - {name: income, type: numeric}
                  - {name: region, type: categorical, values: [north, south, east, west]}
                drift: {windowSize: %d, pValue: 0.05, shareThreshold: 0.5, %s,
                        bootstrapExamples: 50, retrainExamples: 80}
                """.formatted(window, driftSettings));
    }

    static double[] normal(long seed, int n, double mean, double std) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + std * random.nextGaussian();
        }
        return values;
    }

    /** Training data like the unshifted events: age ~ N(40, 10), income ~ N(50000, 8000), region 4:3:2:1. */
    static ReferenceProfile profile() {
        double[] age = normal(1, 1000, 40, 10);
        double[] income = normal(2, 1000, 50_000, 8_000);
        Arrays.sort(age);
        Arrays.sort(income);
        Map<String, Long> region = new LinkedHashMap<>();
        region.put("north", 400L);
        region.put("south", 300L);
        region.put("east", 200L);
        region.put("west", 100L);
        return new ReferenceProfile(MODEL, "sha256:d", 1000,
                Map.of("age", new NumericProfile(1000, 40, 10, age), "income", new NumericProfile(1000, 50_000, 8_000, income)),
                Map.of("region", region), Map.of("0", 700L, "1", 300L));
    }

    static final String[] REGIONS = {"north", "north", "north", "north", "south", "south", "south", "east", "east", "west"};

    /** Event {@code i} of a stream drawn like the profile, or shifted (older, richer, mostly west). */
    static InferenceEvent event(int i, boolean shifted, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        double age = 40 + 10 * random.nextGaussian() + (shifted ? 20 : 0);
        double income = 50_000 + 8_000 * random.nextGaussian() + (shifted ? 25_000 : 0);
        String region = shifted ? (i % 3 == 0 ? "north" : "west") : REGIONS[i % REGIONS.length];
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("age", age);
        features.put("income", income);
        features.put("region", region);
        return new InferenceEvent(MODEL, "r-" + seed + "-" + i, T0.plusSeconds(i), null, features, Map.of(), null, null);
    }

    /** Event {@code i} as {@link #event}, served by {@code version} with a score drawn around {@code scoreMean}. */
    static InferenceEvent scored(int i, int version, double scoreMean, long seed) {
        InferenceEvent e = event(i, false, seed);
        double score = Math.max(0, Math.min(1, scoreMean + 0.1 * new SplittableRandom(seed * 7 + i).nextGaussian()));
        return new InferenceEvent(e.model(), e.requestId(), e.timestamp(), version, e.features(), e.attributes(),
                score >= 0.5 ? 1 : 0, score);
    }

    static ModelPromoted champion(int version) {
        return new ModelPromoted(MODEL, version, version > 1 ? version - 1 : null,
                new ArtifactRef("file:///m", "aa", "dl4j-multilayer"), "sha256:d", "sha256:s", Map.of(), "test", T0,
                "c" + version, new ArtifactRef("file:///p", "bb" + version, ReferenceProfile.FORMAT));
    }
}
