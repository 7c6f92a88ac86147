package io.driftloop.contracts.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parses, validates and hashes model specs. Stateless and thread-safe. */
public final class ModelSpecs {

    /** Model names are Kafka keys, URL path segments and file names: keep them plain. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** YAML is a superset of JSON, so one reader takes both; unknown fields are errors in a spec. */
    private static final ObjectMapper READER = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ModelSpecs() {
    }

    /** Parses a YAML or JSON document, fills defaults and validates; throws naming the bad field. */
    public static ModelSpec parse(String document) {
        if (document == null || document.isBlank()) {
            throw new SpecValidationException("(document)", "is empty: expected YAML or JSON with name, task, label and features");
        }
        ModelSpec spec;
        try {
            spec = READER.readValue(document, ModelSpec.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new SpecValidationException(path(e), "is not a known field: known fields here are "
                    + e.getKnownPropertyIds());
        } catch (InvalidFormatException e) {
            throw new SpecValidationException(path(e), "has an invalid value '" + e.getValue() + "'"
                    + allowed(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new SpecValidationException(path(e), "has the wrong shape: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new SpecValidationException("is not valid YAML or JSON: " + e.getOriginalMessage(), e);
        }
        if (spec == null) {
            throw new SpecValidationException("(document)", "is empty: expected YAML or JSON with name, task, label and features");
        }
        return validate(spec.withDefaults());
    }

    /** Validates a spec whose defaults are filled in; returns it or throws naming the bad field. */
    public static ModelSpec validate(ModelSpec spec) {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            throw new SpecValidationException("name", "must be 1-63 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit, was " + quote(spec.name()));
        }
        if (spec.task() == null) {
            throw new SpecValidationException("task", "is required: binary-classification");
        }
        if (spec.task() != Task.BINARY_CLASSIFICATION) {
            throw new SpecValidationException("task", "'" + Json.encode(spec.task()).replace("\"", "")
                    + "' is not trained yet: use binary-classification");
        }
        if (spec.features().isEmpty()) {
            throw new SpecValidationException("features", "must list at least one model input");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.features().size(); i++) {
            FeatureSpec f = spec.features().get(i);
            String at = "features[" + i + "]";
            if (f.name() == null || f.name().isBlank()) {
                throw new SpecValidationException(at + ".name", "is required");
            }
            if (!names.add(f.name())) {
                throw new SpecValidationException(at + ".name", "repeats the feature '" + f.name() + "'");
            }
            if (f.type() == null) {
                throw new SpecValidationException(at + ".type", "is required: numeric or categorical");
            }
            if (f.type() == FeatureType.CATEGORICAL && f.values().isEmpty()) {
                throw new SpecValidationException(at + ".values", "must list the categories of '" + f.name() + "'");
            }
        }
        if (names.contains(spec.label())) {
            throw new SpecValidationException("label", "'" + spec.label() + "' is also a feature: a model must not see its label");
        }
        for (int i = 0; i < spec.attributes().size(); i++) {
            AttributeSpec a = spec.attributes().get(i);
            if (a.name() == null || a.name().isBlank()) {
                throw new SpecValidationException("attributes[" + i + "].name", "is required");
            }
            if (names.contains(a.name())) {
                throw new SpecValidationException("attributes[" + i + "].name",
                        "'" + a.name() + "' is also a feature: attributes are never model inputs");
            }
        }
        DriftSpec d = spec.drift();
        positive(d.windowSize(), "drift.windowSize");
        fraction(d.pValue(), "drift.pValue");
        fraction(d.shareThreshold(), "drift.shareThreshold");
        if (d.alarmRate() == null || !(d.alarmRate() > 0 && d.alarmRate() <= 1)) {
            throw new SpecValidationException("drift.alarmRate", "must be within (0, 1], was " + d.alarmRate());
        }
        if (d.cooldown().isNegative()) {
            throw new SpecValidationException("drift.cooldown", "must not be negative, was " + d.cooldown());
        }
        positive(d.bootstrapExamples(), "drift.bootstrapExamples");
        positive(d.retrainExamples(), "drift.retrainExamples");
        positive(d.referenceSampleSize(), "drift.referenceSampleSize");
        positive(d.hysteresis(), "drift.hysteresis");
        positiveDuration(d.inFlightTimeout(), "drift.inFlightTimeout");
        if (d.maxModelAge() != null) {
            positiveDuration(d.maxModelAge(), "drift.maxModelAge");
        }
        fits(d.numericTest(), FeatureType.NUMERIC, "drift.numericTest");
        fits(d.categoricalTest(), FeatureType.CATEGORICAL, "drift.categoricalTest");
        positiveFinite(d.distanceThreshold(), "drift.distanceThreshold");
        for (int i = 0; i < spec.features().size(); i++) {
            validateDrift(spec.features().get(i), d, "features[" + i + "]");
        }
        if (d.windowDuration() != null) {
            positiveDuration(d.windowDuration(), "drift.windowDuration");
        }
        positive(d.maxAttempts(), "drift.maxAttempts");
        TrainingSpec t = spec.training();
        if (t.hiddenLayers().stream().anyMatch(w -> w == null || w <= 0)) {
            throw new SpecValidationException("training.hiddenLayers", "must list positive layer widths (none: "
                    + "logistic regression), was " + t.hiddenLayers());
        }
        if (!(t.learningRate() > 0 && t.learningRate() < 1)) {
            throw new SpecValidationException("training.learningRate", "must be within (0, 1), was " + t.learningRate());
        }
        positive(t.maxEpochs(), "training.maxEpochs");
        positive(t.patience(), "training.patience");
        positive(t.batchSize(), "training.batchSize");
        positive(t.maxExamples(), "training.maxExamples");
        fraction(t.validationFraction(), "training.validationFraction");
        fraction(t.testFraction(), "training.testFraction");
        positiveDuration(t.dataDeadline(), "training.dataDeadline");
        if (!(t.warmStartLearningRate() > 0 && t.warmStartLearningRate() < 1)) {
            throw new SpecValidationException("training.warmStartLearningRate", "must be within (0, 1), was "
                    + t.warmStartLearningRate());
        }
        positive(t.warmStartEpochs(), "training.warmStartEpochs");
        positive(t.data().windowSize(), "training.data.windowSize");
        positive(t.data().halfLife(), "training.data.halfLife");
        if (!(t.data().preDriftShare() >= 0 && t.data().preDriftShare() <= 0.9)) {
            throw new SpecValidationException("training.data.preDriftShare", "must be within [0, 0.9], was "
                    + t.data().preDriftShare());
        }
        if (t.dataDeadline().compareTo(d.inFlightTimeout()) >= 0) {
            throw new SpecValidationException("training.dataDeadline", "must be shorter than drift.inFlightTimeout ("
                    + d.inFlightTimeout() + "), or a request waiting for data would be given up on first; was "
                    + t.dataDeadline());
        }
        validateTrainingKnobs(t);
        if (t.validationFraction() + t.testFraction() >= 0.9) {
            throw new SpecValidationException("training.testFraction",
                    "together with validationFraction leaves under 10% of rows to train on");
        }
        GateSpec g = spec.gates();
        fraction(g.minAccuracy(), "gates.minAccuracy");
        fraction(g.minRocAuc(), "gates.minRocAuc");
        fraction(g.maxDegradation(), "gates.maxDegradation");
        fraction(g.maxDemographicParityDifference(), "gates.maxDemographicParityDifference");
        validateGates(spec, g);
        return spec;
    }

    private static void validateTrainingKnobs(TrainingSpec t) {
        penalty(t.l2(), "training.l2");
        dropout(t.dropout(), "training.dropout");
        SearchSpec s = t.search();
        String at = "training.search";
        if (s.trials() == null || s.trials() < 1 || s.trials() > SEARCH_MAX_TRIALS) {
            throw new SpecValidationException(at + ".trials", "must be within [1, " + SEARCH_MAX_TRIALS
                    + "] (1 trains the spec's own recipe alone), was " + s.trials());
        }
        if (s.eta() == null || s.eta() < 2) {
            throw new SpecValidationException(at + ".eta", "must be at least 2 (a rung keeps the best 1/eta), was "
                    + s.eta());
        }
        positive(s.minEpochs(), at + ".minEpochs");
        if (s.minEpochs() > t.maxEpochs()) {
            throw new SpecValidationException(at + ".minEpochs", "must be at most training.maxEpochs ("
                    + t.maxEpochs() + "), was " + s.minEpochs());
        }
        nonEmpty(s.hiddenLayers(), at + ".hiddenLayers");
        for (int i = 0; i < s.hiddenLayers().size(); i++) {
            List<Integer> layers = s.hiddenLayers().get(i);
            if (layers == null || layers.stream().anyMatch(w -> w == null || w <= 0)) {
                throw new SpecValidationException(at + ".hiddenLayers[" + i + "]",
                        "must list positive layer widths ([] : logistic regression), was " + layers);
            }
        }
        nonEmpty(s.learningRate(), at + ".learningRate");
        for (int i = 0; i < s.learningRate().size(); i++) {
            Double rate = s.learningRate().get(i);
            if (rate == null || !(rate > 0 && rate < 1)) {
                throw new SpecValidationException(at + ".learningRate[" + i + "]", "must be within (0, 1), was " + rate);
            }
        }
        nonEmpty(s.batchSize(), at + ".batchSize");
        for (int i = 0; i < s.batchSize().size(); i++) {
            positive(s.batchSize().get(i), at + ".batchSize[" + i + "]");
        }
        nonEmpty(s.l2(), at + ".l2");
        for (int i = 0; i < s.l2().size(); i++) {
            penalty(s.l2().get(i), at + ".l2[" + i + "]");
        }
        nonEmpty(s.dropout(), at + ".dropout");
        for (int i = 0; i < s.dropout().size(); i++) {
            dropout(s.dropout().get(i), at + ".dropout[" + i + "]");
        }
        if (s.folds() == null || s.folds() == 1 || s.folds() < 0 || s.folds() > 10) {
            throw new SpecValidationException(at + ".folds", "must be 0 (select on the validation split) or within "
                    + "[2, 10], was " + s.folds());
        }
        positiveDuration(s.maxDuration(), at + ".maxDuration");
    }

    /** The most trials a search may race: enough for any grid a person writes by hand. */
    static final int SEARCH_MAX_TRIALS = 243;

    private static void nonEmpty(List<?> values, String field) {
        if (values == null || values.isEmpty()) {
            throw new SpecValidationException(field, "is empty: list at least one value to search over");
        }
    }

    private static void penalty(Double value, String field) {
        if (value == null || !(value >= 0 && value < 1)) {
            throw new SpecValidationException(field, "must be within [0, 1), was " + value);
        }
    }

    private static void dropout(Double value, String field) {
        if (value == null || !(value >= 0 && value < 1)) {
            throw new SpecValidationException(field, "must be a rate within [0, 1), was " + value);
        }
    }

    private static void validateGates(ModelSpec spec, GateSpec g) {
        if (!(g.confidence() >= 0.5 && g.confidence() < 1)) {
            throw new SpecValidationException("gates.confidence", "must be within [0.5, 1), was " + g.confidence());
        }
        if (g.bootstrapResamples() < 100) {
            throw new SpecValidationException("gates.bootstrapResamples",
                    "must be at least 100 for a usable interval, was " + g.bootstrapResamples());
        }
        if (g.bootstrapResamples() > GateSpec.MAX_BOOTSTRAP_RESAMPLES) {
            throw new SpecValidationException("gates.bootstrapResamples", "must be at most "
                    + GateSpec.MAX_BOOTSTRAP_RESAMPLES + " (each resample is a pass over the test rows), was "
                    + g.bootstrapResamples());
        }
        positive(g.minSliceSize(), "gates.minSliceSize");
        positive(g.minGroupSize(), "gates.minGroupSize");
        if (!(g.maxIntervalWidth() > 0 && g.maxIntervalWidth() <= 1)) {
            throw new SpecValidationException("gates.maxIntervalWidth", "must be within (0, 1], was "
                    + g.maxIntervalWidth());
        }
        for (int i = 0; i < g.quality().size(); i++) {
            QualityGate q = g.quality().get(i);
            String at = "gates.quality[" + i + "]";
            if (q == null || q.metric() == null || q.kind() == null) {
                throw new SpecValidationException(at, "needs a metric (accuracy, precision, recall, f1, rocAuc, "
                        + "prAuc, logLoss, brier, ece) and a kind (minimum, maximum, non-inferiority, superiority, "
                        + "beats-baseline)");
            }
            switch (q.kind()) {
                case MINIMUM, MAXIMUM -> {
                    if (q.threshold() == null || !Double.isFinite(q.threshold())) {
                        throw new SpecValidationException(at + ".threshold", "is required for a " + q.kind()
                                .name().toLowerCase(Locale.ROOT) + " gate");
                    }
                    boolean wantsMinimum = q.metric().higherIsBetter();
                    if (wantsMinimum != (q.kind() == GateKind.MINIMUM)) {
                        throw new SpecValidationException(at + ".kind", q.metric().wireName() + " is "
                                + (wantsMinimum ? "better when higher: use minimum" : "better when lower: use maximum"));
                    }
                }
                case NON_INFERIORITY, SUPERIORITY, BEATS_BASELINE -> {
                    // beats-baseline alone may leave the margin out (the evaluator then requires more than 0)
                    boolean required = q.kind() != GateKind.BEATS_BASELINE;
                    if (q.margin() == null ? required : !(q.margin() >= 0 && Double.isFinite(q.margin()))) {
                        throw new SpecValidationException(at + ".margin", "must be a finite number of at least 0"
                                + (q.kind() == GateKind.NON_INFERIORITY ? " (required for non-inferiority)" : "")
                                + ", was " + q.margin());
                    }
                }
            }
        }
        Set<String> sensitive = new HashSet<>();
        spec.attributes().stream().filter(AttributeSpec::sensitive).forEach(a -> sensitive.add(a.name()));
        for (int i = 0; i < g.fairness().size(); i++) {
            FairnessGate f = g.fairness().get(i);
            String at = "gates.fairness[" + i + "]";
            if (f == null || f.metric() == null) {
                throw new SpecValidationException(at, "needs a metric (demographic-parity-difference, "
                        + "equal-opportunity-difference, equalized-odds-difference, disparate-impact-ratio)");
            }
            fraction(f.threshold(), at + ".threshold");
            if (!f.metric().ratio()) {
                if (f.referenceGroup() != null) {
                    throw new SpecValidationException(at + ".referenceGroup",
                            "applies to disparate-impact-ratio only");
                }
            }
            if (f.referenceGroup() != null && (f.attributes() == null || f.attributes().size() != 1)) {
                throw new SpecValidationException(at + ".attributes", "must name exactly one sensitive attribute "
                        + "when referenceGroup is set (the reference group '" + f.referenceGroup()
                        + "' is a value of one attribute), was " + f.attributes());
            }
            if (f.attributes() != null) {
                for (String a : f.attributes()) {
                    if (!sensitive.contains(a)) {
                        throw new SpecValidationException(at + ".attributes", "names '" + a
                                + "', which is not a sensitive attribute of the spec (sensitive: " + sensitive + ")");
                    }
                }
            }
        }
    }

    private static void validateDrift(FeatureSpec f, DriftSpec d, String at) {
        if (f.driftTest() != null) {
            fits(f.driftTest(), f.type(), at + ".driftTest");
        }
        if (f.driftThreshold() != null) {
            DriftTest test = f.driftTest(d);
            if (test == DriftTest.AUTO) {
                throw new SpecValidationException(at + ".driftThreshold", "needs a test other than auto (set "
                        + at + ".driftTest): with auto the test, and so whether the threshold is a p-value or a "
                        + "distance, depends on the size of the reference");
            }
            if (test.pValueTest()) {
                fraction(f.driftThreshold(), at + ".driftThreshold");
            } else {
                positiveFinite(f.driftThreshold(), at + ".driftThreshold");
            }
        }
        if (f.driftWeight() != null && !(f.driftWeight() >= 0 && f.driftWeight() < Double.POSITIVE_INFINITY)) {
            throw new SpecValidationException(at + ".driftWeight", "must be a finite number of at least 0, was "
                    + f.driftWeight());
        }
    }

    private static void fits(DriftTest test, FeatureType type, String field) {
        if (test == null) {
            throw new SpecValidationException(field, "is required");
        }
        if (!test.fits(type)) {
            String kind = Json.encode(type).replace("\"", "");
            List<String> allowed = java.util.Arrays.stream(DriftTest.values()).filter(t -> t.fits(type))
                    .map(DriftTest::wireName).toList();
            throw new SpecValidationException(field, "'" + test.wireName() + "' cannot compare a " + kind
                    + " feature: use one of " + allowed);
        }
    }

    private static void positiveFinite(Double value, String field) {
        if (value == null || !(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new SpecValidationException(field, "must be a positive number, was " + value);
        }
    }

    /** {@code sha256:<hex>} of the spec's canonical JSON (defaults filled in, keys sorted). */
    public static String hash(ModelSpec spec) {
        return Hashing.contentId(Json.encodeBytes(spec));
    }

    private static void positive(Integer value, String field) {
        if (value == null || value <= 0) {
            throw new SpecValidationException(field, "must be a positive whole number, was " + value);
        }
    }

    private static void positiveDuration(java.time.Duration value, String field) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new SpecValidationException(field, "must be a positive ISO-8601 duration such as PT1H, was " + value);
        }
    }

    private static void fraction(Double value, String field) {
        if (value == null || !(value >= 0 && value <= 1)) {
            throw new SpecValidationException(field, "must be within [0, 1], was " + value);
        }
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof MismatchedInputException m) || m.getPath().isEmpty()) {
            return "(document)";
        }
        StringBuilder path = new StringBuilder();
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String allowed(Class<?> type) {
        if (type == null || !type.isEnum()) {
            return "";
        }
        List<String> values = java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> Json.encode(c).replace("\"", "")).collect(Collectors.toList());
        return ": use one of " + values;
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
