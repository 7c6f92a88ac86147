package io.driftloop.contracts.spec;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks an inference or a feedback event against its model's spec when it arrives, so that a
 * record no dataset could use never becomes a labelled example (one bad label would otherwise make a
 * whole dataset untrainable) nor a value in a drift window. Every service that consumes the input
 * topics judges them by these rules. Every check throws an {@link InvalidEventException} naming the field,
 * its value and what was expected, which the caller dead-letters as the reason:
 * <ul>
 *   <li>feedback: the label is in the task's range (0 or 1 for binary classification);</li>
 *   <li>inference: every feature the spec declares is present; a numeric one is a finite number of
 *       magnitude at most {@value #MAX_MAGNITUDE}, a categorical one a string (or a number, read as
 *       its text) of at most {@value #MAX_TEXT} characters; every sensitive attribute the spec declares
 *       is present (the fairness gates need it on every example); attribute values are at most
 *       {@value #MAX_TEXT} characters; a prediction is 0 or 1 and a model version at least 1.</li>
 * </ul>
 * Features and attributes the spec does not declare are dropped from the validated event, so they are
 * never kept as columns. Stateless and thread-safe.
 */
public final class SpecChecks {

    /** Largest magnitude of a numeric feature: beyond it a value is taken for a unit or encoding error. */
    public static final double MAX_MAGNITUDE = 1e12;
    /** Longest categorical feature or attribute value, in characters. */
    public static final int MAX_TEXT = 256;

    private SpecChecks() {
    }

    /** The feedback if its label is in the range of {@code spec}'s task; throws naming the label otherwise. */
    public static FeedbackEvent feedback(FeedbackEvent f, ModelSpec spec) {
        if (spec.task() == Task.BINARY_CLASSIFICATION && f.label() != 0 && f.label() != 1) {
            throw new InvalidEventException("field 'label' must be 0 or 1 for the binary-classification model '"
                    + spec.name() + "', was " + f.label());
        }
        return f;
    }

    /**
     * The inference with only the spec's features and attributes, if it fits {@code spec}; throws
     * naming the first field that does not.
     */
    public static InferenceEvent inference(InferenceEvent e, ModelSpec spec) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (FeatureSpec f : spec.features()) {
            features.put(f.name(), feature(spec, f, e.features().get(f.name())));
        }
        Map<String, String> attributes = attributes(spec, e.attributes());
        prediction(spec, e.prediction());
        modelVersion(e.modelVersion());
        return new InferenceEvent(e.model(), e.requestId(), e.timestamp(), e.modelVersion(), features, attributes,
                e.prediction(), e.score());
    }

    /**
     * The value of feature {@code f} of {@code spec} if it fits: a finite number of magnitude at most
     * {@value #MAX_MAGNITUDE} for a numeric feature, the text of a string (or number) of at most
     * {@value #MAX_TEXT} characters for a categorical one; throws naming the field otherwise (also when
     * {@code v} is null: the feature is missing).
     */
    public static Object feature(ModelSpec spec, FeatureSpec f, Object v) {
        String field = "features." + f.name();
        if (v == null) {
            throw new InvalidEventException("field '" + field + "' is missing: the spec of '" + spec.name()
                    + "' declares it as a " + (f.numeric() ? "numeric" : "categorical") + " input");
        }
        if (f.numeric()) {
            if (!(v instanceof Number n)) {
                throw new InvalidEventException("field '" + field + "' must be a number, was the string "
                        + quote(v.toString()));
            }
            double d = n.doubleValue();
            if (!Double.isFinite(d) || Math.abs(d) > MAX_MAGNITUDE) {
                throw new InvalidEventException("field '" + field + "' must be a finite number of magnitude at "
                        + "most 1e12, was " + n);
            }
            return v;
        }
        String text = v.toString();
        if (text.length() > MAX_TEXT) {
            throw new InvalidEventException("field '" + field + "' must be at most " + MAX_TEXT
                    + " characters, was " + text.length());
        }
        return text;
    }

    /**
     * The attributes {@code spec} declares, if they fit: every sensitive one present, each value at
     * most {@value #MAX_TEXT} characters; throws naming the first that does not.
     */
    public static Map<String, String> attributes(ModelSpec spec, Map<String, String> given) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (AttributeSpec a : spec.attributes()) {
            String v = given.get(a.name());
            String field = "attributes." + a.name();
            if (v == null) {
                if (a.sensitive()) {
                    throw new InvalidEventException("field '" + field + "' is missing: the spec of '" + spec.name()
                            + "' declares it sensitive, and its fairness gates need it on every example");
                }
                continue;
            }
            if (v.length() > MAX_TEXT) {
                throw new InvalidEventException("field '" + field + "' must be at most " + MAX_TEXT
                        + " characters, was " + v.length());
            }
            attributes.put(a.name(), v);
        }
        return attributes;
    }

    /** Throws unless {@code prediction} is absent or in the range of {@code spec}'s task (0 or 1 for binary classification). */
    public static void prediction(ModelSpec spec, Integer prediction) {
        if (prediction != null && spec.task() == Task.BINARY_CLASSIFICATION && prediction != 0 && prediction != 1) {
            throw new InvalidEventException("field 'prediction' must be 0 or 1 for a binary-classification model, was "
                    + prediction);
        }
    }

    /** Throws unless {@code modelVersion} is absent or at least 1. */
    public static void modelVersion(Integer modelVersion) {
        if (modelVersion != null && modelVersion < 1) {
            throw new InvalidEventException("field 'modelVersion' must be at least 1, was " + modelVersion);
        }
    }

    private static String quote(String s) {
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }
}
