package io.driftloop.evaluator.domain;

import io.driftloop.contracts.spec.QualityMetric;
import java.util.Map;
import java.util.TreeMap;

/** Every quality metric of one model on a set of rows, keyed by wire name, with its interval, and the confusion matrix. */
public record MetricSet(Map<String, Estimate> metrics, ConfusionMatrix confusion) {

    public MetricSet {
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    public Estimate get(QualityMetric metric) {
        return metrics.get(metric.wireName());
    }

    /** Point values of the defined metrics, as {@code ModelEvaluated.metrics} publishes them. */
    public Map<String, Double> points() {
        Map<String, Double> m = new TreeMap<>();
        metrics.forEach((k, v) -> {
            if (v.value() != null) {
                m.put(k, v.value());
            }
        });
        return m;
    }
}
