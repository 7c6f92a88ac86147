package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.SpecChecks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Window} reads of one valid {@link InferenceEvent}, with the features laid out by the
 * slots of the model's {@link FeatureLayout}: per slot whether the event has a number, a string or
 * nothing for that feature, numbers unboxed. Features the layout does not name are kept by name in
 * {@link #others()} (a window keeps them as an {@code InferenceEvent}'s features are kept). Adding an
 * observation to a window has the same effect as adding the event it was read from.
 *
 * <p>Built by {@link #of(InferenceEvent, FeatureLayout)} or by a decoder that reads the JSON of
 * {@code ct.inference.v1} straight into the arrays. Treated as immutable once built: the arrays are
 * not copied, and whoever builds one must not change them afterwards.
 */
public final class Observation {

    /** The event has no value for the slot's feature. */
    public static final byte ABSENT = 0;
    /** The event has a number for the slot's feature, in {@link #number(int)}. */
    public static final byte NUMBER = 1;
    /** The event has a string for the slot's feature, in {@link #text(int)}. */
    public static final byte TEXT = 2;

    private final String model;
    private final String requestId;
    private final Instant timestamp;
    private final Double score;
    private final Integer modelVersion;
    private final FeatureLayout layout;
    private final byte[] kinds;
    private final double[] numbers;
    private final String[] texts;
    private final Map<String, Object> others;

    /**
     * @param layout  the slots of {@code kinds}, {@code numbers} and {@code texts}; null for none (all
     *                features in {@code others})
     * @param others  features the layout has no slot for, each a {@link Number} or a {@link String};
     *                empty when there are none
     */
    public Observation(String model, String requestId, Instant timestamp, Double score, Integer modelVersion,
                       FeatureLayout layout, byte[] kinds, double[] numbers, String[] texts, Map<String, Object> others) {
        int slots = layout == null ? 0 : layout.size();
        if (kinds.length != slots || numbers.length != slots || texts.length != slots) {
            throw new IllegalArgumentException("an observation has one value per slot of its layout (" + slots + ")");
        }
        this.model = Objects.requireNonNull(model, "model");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.score = score;
        this.modelVersion = modelVersion;
        this.layout = layout;
        this.kinds = kinds;
        this.numbers = numbers;
        this.texts = texts;
        this.others = others == null ? Map.of() : others;
    }

    /** The observation of a valid event, its features laid out by {@code layout} (null: all by name). */
    public static Observation of(InferenceEvent event, FeatureLayout layout) {
        int slots = layout == null ? 0 : layout.size();
        Observation o = new Observation(event.model(), event.requestId(), event.timestamp(), event.score(),
                event.modelVersion(), layout,
                new byte[slots], new double[slots], new String[slots], new LinkedHashMap<>());
        event.features().forEach(o::put);
        return o;
    }

    /**
     * The same event laid out by {@code target} (null: all features by name): each feature moves to
     * its slot there, or to {@link #others()} when {@code target} has none for it; this observation
     * when it is laid out by {@code target} already. Adding either to a window has the same effect.
     */
    public Observation in(FeatureLayout target) {
        if (target == layout) {
            return this;
        }
        int slots = target == null ? 0 : target.size();
        Observation moved = new Observation(model, requestId, timestamp, score, modelVersion, target, new byte[slots],
                new double[slots], new String[slots], new LinkedHashMap<>());
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] != ABSENT) {
                moved.put(layout.name(i), kinds[i] == NUMBER ? (Object) numbers[i] : texts[i]);
            }
        }
        others.forEach(moved::put);
        return moved;
    }

    /** Puts one feature of an observation being built: into its slot, or into {@link #others()}. */
    private void put(String name, Object value) {
        int slot = layout == null ? -1 : layout.slot(name);
        if (slot < 0) {
            others.put(name, value);
        } else if (value instanceof Number n) {
            kinds[slot] = NUMBER;
            numbers[slot] = n.doubleValue();
        } else if (value != null) {
            kinds[slot] = TEXT;
            texts[slot] = value.toString();
        }
    }

    public String model() {
        return model;
    }

    public String requestId() {
        return requestId;
    }

    public Instant timestamp() {
        return timestamp;
    }

    /** The version of the model that served it, or null when the event carries none. */
    public Integer modelVersion() {
        return modelVersion;
    }

    /** The served score, or null when the event carries none. */
    public Double score() {
        return score;
    }

    /** The layout of the slots; null when there are none. */
    public FeatureLayout layout() {
        return layout;
    }

    /** Number of slots. */
    public int slots() {
        return kinds.length;
    }

    /** {@link #ABSENT}, {@link #NUMBER} or {@link #TEXT}: what the event has for the feature of slot {@code i}. */
    public byte kind(int i) {
        return kinds[i];
    }

    /** The number of slot {@code i}; meaningful when its kind is {@link #NUMBER}. */
    public double number(int i) {
        return numbers[i];
    }

    /** The string of slot {@code i}; null unless its kind is {@link #TEXT}. */
    public String text(int i) {
        return texts[i];
    }

    /** Features without a slot, by name (numbers and strings). */
    public Map<String, Object> others() {
        return others;
    }

    /** The value of feature {@code name}: a {@code Double}, a {@code String}, or null when the event has none. */
    public Object value(String name) {
        int slot = layout == null ? -1 : layout.slot(name);
        if (slot < 0) {
            return others.get(name);
        }
        return switch (kinds[slot]) {
            case NUMBER -> numbers[slot];
            case TEXT -> texts[slot];
            default -> null;
        };
    }

    /**
     * This observation if its features and model version fit {@code spec} by {@link SpecChecks}' rules
     * (the rules data-prep applies to the same events); throws the {@link
     * io.driftloop.contracts.InvalidEventException} naming the first field that does not.
     */
    public Observation requireFits(ModelSpec spec) {
        for (FeatureSpec f : spec.features()) {
            SpecChecks.feature(spec, f, value(f.name()));
        }
        SpecChecks.modelVersion(modelVersion);
        return this;
    }
}
