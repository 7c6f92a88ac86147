package io.driftloop.local;

import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic production traffic of a credit-risk model, deterministic for a seed, made as hard as
 * real data tends to be. A sensitive attribute has a small group ({@code ethnicity} = minority, about
 * 8 % of applicants, with a somewhat higher risk), so a test split is easily too small for a fairness
 * gate. Before the shift the default risk grows with debt ratio and shrinks with income; after it
 * the applicants are younger and richer and the south region dominates (covariate shift), income
 * counts against the new, higher norm and age now drives the risk too (a changed label rule). The
 * old champion keeps a decent ranking after the shift (debt and income still point the same way), so
 * its ROC-AUC stays well above chance and a non-inferiority gate on it is a real test, while its
 * decision threshold, fitted to the old incomes, is off.
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
              - {name: ethnicity, sensitive: true}
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
    /** Share of applicants in the small group of the sensitive attribute {@code ethnicity}. */
    static final double MINORITY_SHARE = 0.08;

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
        boolean minority = random.nextDouble() < MINORITY_SHARE;

        Map<String, Object> features = new LinkedHashMap<>();
        features.put("age", round(age, 1));
        features.put("income", round(income, 0));
        features.put("debt_ratio", round(debt, 3));
        features.put("region", region);
        int label = label(shifted, age, income, debt, region, minority) ? 1 : 0;

        InferenceEvent inference = new InferenceEvent(MODEL, id, now, null, features,
                Map.of("gender", gender, "ethnicity", minority ? "minority" : "majority"), null, null);
        return new Request(inference, new FeedbackEvent(MODEL, id, label, now));
    }

    private boolean label(boolean shifted, double age, double income, double debt, String region, boolean minority) {
        double noise = gaussian(0, 0.35);
        double logit = minority ? 0.3 : 0;
        if (!shifted) {
            logit += 3.0 * (debt - 0.5) - (income - 50_000) / 15_000.0 + ("east".equals(region) ? 0.4 : 0);
        } else {
            logit += 2.0 * (debt - 0.5) - (income - 72_000) / 15_000.0 - (age - 31) / 6.0
                    + ("south".equals(region) ? 0.3 : -0.3);
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
