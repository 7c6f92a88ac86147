package io.driftloop.local;

import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic production traffic of a credit-risk model, deterministic for a seed. Before the shift
 * the default risk grows with debt ratio and shrinks with income; after it the applicants are
 * younger and richer, the south region dominates (covariate shift) and age, not income, drives the
 * risk (a changed label relationship), so a model trained before the shift is poor after it.
 */
public final class CreditRiskTraffic {

    public static final String MODEL = "credit-risk";

    /** The spec the demo registers; windows and minimum examples sized for a short run. */
    public static final String SPEC = """
            name: credit-risk
            task: binary-classification
            label: default
            features:
              - {name: age,        type: numeric}
              - {name: income,     type: numeric}
              - {name: debt_ratio, type: numeric}
              - {name: region,     type: categorical, values: [north, south, east, west]}
            attributes:
              - {name: gender, sensitive: true}
            drift:
              windowSize: 500
              pValue: 0.01
              shareThreshold: 0.5
              cooldown: PT2M
              bootstrapExamples: 2000
              retrainExamples: 2000
            training:
              hiddenLayers: [16, 8]
              maxEpochs: 30
              patience: 4
              maxExamples: 4000
              seed: 42
            gates:
              minAccuracy: 0.7
              minRocAuc: 0.75
              maxDegradation: 0.01
              maxDemographicParityDifference: 0.2
            promotion: auto
            """;

    private static final String[] REGIONS = {"north", "south", "east", "west"};

    /** One request and the ground truth the world will later reveal for it. */
    public record Request(InferenceEvent inference, FeedbackEvent feedback) {
    }

    private final SplittableRandom random;
    private long sequence;

    public CreditRiskTraffic(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next request; {@code shifted} selects the post-drift world. */
    public Request next(boolean shifted, Instant now) {
        String id = "req-" + (shifted ? "b-" : "a-") + (sequence++);
        double age = clamp(shifted ? gaussian(31, 7) : gaussian(45, 10), 18, 90);
        double income = Math.max(5_000, shifted ? gaussian(72_000, 15_000) : gaussian(50_000, 15_000));
        double debt = random.nextDouble();
        String region = shifted ? pick(new double[] {0.10, 0.60, 0.15, 0.15}) : pick(new double[] {0.25, 0.25, 0.25, 0.25});
        String gender = random.nextBoolean() ? "f" : "m";

        Map<String, Object> features = new LinkedHashMap<>();
        features.put("age", round(age, 1));
        features.put("income", round(income, 0));
        features.put("debt_ratio", round(debt, 3));
        features.put("region", region);
        int label = label(shifted, age, income, debt, region) ? 1 : 0;

        InferenceEvent inference = new InferenceEvent(MODEL, id, now, null, features, Map.of("gender", gender), null, null);
        return new Request(inference, new FeedbackEvent(MODEL, id, label, now));
    }

    private boolean label(boolean shifted, double age, double income, double debt, String region) {
        double noise = gaussian(0, 0.35);
        double logit;
        if (!shifted) {
            logit = 3.0 * (debt - 0.5) - (income - 50_000) / 15_000.0 + ("east".equals(region) ? 0.4 : 0);
        } else {
            logit = -(age - 31) / 5.0 + 1.5 * (0.5 - debt) + ("south".equals(region) ? 0.3 : -0.3);
        }
        return logit + noise > 0;
    }

    private String pick(double[] p) {
        double u = random.nextDouble();
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u < 0) {
                return REGIONS[i];
            }
        }
        return REGIONS[p.length - 1];
    }

    private double gaussian(double mean, double std) {
        // Box–Muller on the seeded generator, so runs are reproducible
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
