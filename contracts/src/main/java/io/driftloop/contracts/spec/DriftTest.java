package io.driftloop.contracts.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The statistic that decides whether one feature drifted, as named in the spec ({@code drift.numericTest},
 * {@code drift.categoricalTest}, {@code features[i].driftTest}) and in {@code ct.drift.stats.v1}.
 * Two kinds: p-value tests (a feature drifts when its p-value, adjusted by {@code drift.correction}, is below
 * the threshold) and distances (a feature drifts when the distance reaches the threshold; distances are
 * never part of the multiple-testing correction).
 */
public enum DriftTest {
    /** Chosen by feature type and reference size: KS or chi-square up to 1000 reference values, else Wasserstein or Jensen–Shannon. */
    @JsonProperty("auto") AUTO("auto"),
    /** Two-sample Kolmogorov–Smirnov test (numeric features), a p-value test. */
    @JsonProperty("ks") KS("ks"),
    /** Chi-square test of homogeneity over the union of categories (categorical features), a p-value test. */
    @JsonProperty("chi-square") CHI_SQUARE("chi-square"),
    /** Wasserstein-1 distance divided by the reference standard deviation (numeric features). */
    @JsonProperty("wasserstein") WASSERSTEIN("wasserstein"),
    /** Jensen–Shannon distance, natural logarithm (numeric features binned on the reference, or categorical). */
    @JsonProperty("jensenshannon") JENSEN_SHANNON("jensenshannon"),
    /** Population stability index (numeric features in reference quantile bins, or categorical). */
    @JsonProperty("psi") PSI("psi");

    private final String wireName;

    DriftTest(String wireName) {
        this.wireName = wireName;
    }

    /** The name as written in the spec and in {@code ct.drift.stats.v1}. */
    public String wireName() {
        return wireName;
    }

    /** KS and chi-square give p-values; the others give distances. {@link #AUTO} is neither. */
    public boolean pValueTest() {
        return this == KS || this == CHI_SQUARE;
    }

    /** Whether the test can compare a feature of {@code type}. {@link #AUTO} fits both. */
    public boolean fits(FeatureType type) {
        return switch (this) {
            case AUTO, JENSEN_SHANNON, PSI -> true;
            case KS, WASSERSTEIN -> type == FeatureType.NUMERIC;
            case CHI_SQUARE -> type == FeatureType.CATEGORICAL;
        };
    }
}
