package io.driftloop.driftdetector.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.driftdetector.domain.FeatureLayout;
import io.driftloop.driftdetector.domain.Observation;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the JSON of a {@code ct.inference.v1} record into an {@link Observation} in one pass of
 * Jackson's streaming parser: feature values go straight into the slots of the model's
 * {@link FeatureLayout} (first guessed from the record key, or on the polling thread from the model of
 * the value before, and moved into the event's own model's layout when the guess was wrong),
 * numbers unboxed, the strings
 * of a feature interned (a category is one {@code String} however often it comes), the timestamp
 * read by {@link #instant} without a formatter. {@link InferenceEvent} stays the contract: a record
 * is read this way only when it has the plain shape every producer writes — the required fields as
 * strings, {@code modelVersion} and {@code prediction} absent, null or an {@code int}, {@code score}
 * absent, null or a number within [0, 1], every feature a number or a string, each field once, the
 * timestamp {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}; unknown fields are skipped. Anything else — invalid
 * records among it — is decoded by {@code Json.decode(json, InferenceEvent.class).validate()} and
 * converted by {@link Observation#of}, so every record decodes to what that gives, and a record it
 * rejects is rejected with the same {@link io.driftloop.contracts.InvalidEventException} and message
 * (the dead letter's {@code dl_reason}). {@code InferenceDecoderTest} checks both on a corpus.
 *
 * <p>Not thread-safe (the layouts and interned strings are cached unsynchronised): one decoder per
 * consuming thread.
 */
final class InferenceDecoder {

    private static final JsonFactory JSON = Json.mapper().getFactory();
    /** Powers of ten that are exact doubles. */
    private static final double[] POW10 = new double[23];
    /** Distinct strings interned per feature; beyond, new strings are not kept (a feature of unbounded values). */
    static final int INTERNED_PER_FEATURE = 256;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * A model's layout as of its spec, with a string table per slot and the order its events list
     * features in: a name where the last event had it is matched by its characters
     * ({@link JsonParser#nextFieldName(SerializableString)}), without a symbol-table lookup.
     */
    private static final class Model {
        final FeatureLayout layout;
        final Interner[] interners;
        final SerializableString[] names;
        /** order[j]: the slot of the j-th feature of the last event read. */
        final int[] order;

        Model(FeatureLayout layout) {
            this.layout = layout;
            this.interners = new Interner[layout.size()];
            this.names = new SerializableString[layout.size()];
            this.order = new int[layout.size()];
            for (int i = 0; i < interners.length; i++) {
                interners[i] = new Interner(INTERNED_PER_FEATURE);
                names[i] = new SerializedString(layout.name(i));
                order[i] = i;
            }
        }
    }

    /** The attributes (with a value) and the prediction of the last event {@link #plain} read. */
    private Map<String, String> lastAttributes = Map.of();
    private Integer lastPrediction;

    Map<String, String> lastAttributes() {
        return lastAttributes;
    }

    Integer lastPrediction() {
        return lastPrediction;
    }

    /** The top-level fields in the order of the last event read (at most {@value #EXPECTED_FIELDS} kept). */
    private static final int EXPECTED_FIELDS = 16;
    private final SerializableString[] fieldOrder = new SerializableString[EXPECTED_FIELDS];

    private final Function<String, ModelSpec> specs;
    private final Map<String, Model> models = new HashMap<>();
    private final Interner modelNames = new Interner(INTERNED_PER_FEATURE);

    /** @param specs the current spec of a model, or null when it has none */
    InferenceDecoder(Function<String, ModelSpec> specs) {
        this.specs = specs;
    }

    /**
     * The observation of a record's value as read from the topic, its bytes: a value of the plain
     * shape in ASCII (what producers write) is parsed from its bytes by {@link #plain}; any other is
     * converted to a {@code String} as Kafka's {@code StringDeserializer} does and read by
     * {@link #decode(String, String)}, so the result is the same either way.
     *
     * @throws io.driftloop.contracts.InvalidEventException as {@code Json.decode} and {@code validate} throw it
     */
    Observation decode(byte[] value, String key) {
        Observation o = plain(value, key);
        return o != null ? o : decode(value == null ? null : new String(value, StandardCharsets.UTF_8), key);
    }

    /**
     * The observation of a value of the plain shape, parsed from its bytes; null for any other value
     * (left to {@link #decode(String, String)}), and for one with a byte outside ASCII: Jackson's
     * UTF-8 decoding and Java's differ on malformed sequences, so such a value is read from the
     * {@code String} Kafka's {@code StringDeserializer} would give.
     */
    Observation plain(byte[] value, String key) {
        if (value == null || !ascii(value)) {
            return null;
        }
        return inOwnLayout(fast(value, model(key)), key);
    }

    /**
     * The observation of the record's value; {@code key} (the record key, normally the model) picks
     * the layout to read the features into before the model field is seen.
     *
     * @throws io.driftloop.contracts.InvalidEventException as {@code Json.decode} and {@code validate} throw it
     */
    Observation decode(String json, String key) {
        Observation o = json == null ? null : inOwnLayout(fast(json, model(key)), key);
        if (o != null) {
            return o;
        }
        InferenceEvent event = Json.decode(json, InferenceEvent.class).validate();
        Model m = model(event.model());
        return Observation.of(event, m == null ? null : m.layout);
    }

    /**
     * {@code o} (read into the layout of model {@code key}) moved into the layout of its own model
     * when that is another one; null for null.
     */
    private Observation inOwnLayout(Observation o, String key) {
        if (o == null || o.model().equals(key)) {
            return o;
        }
        Model actual = model(o.model());
        return o.in(actual == null ? null : actual.layout);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Whether every byte is ASCII (eight at a time). */
    static boolean ascii(byte[] b) {
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            if (((long) LONGS.get(b, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < b.length; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The model's layout, rebuilt when its spec changed; null without a spec. */
    private Model model(String name) {
        ModelSpec spec = name == null ? null : specs.apply(name);
        if (spec == null) {
            return null;
        }
        Model m = models.get(name);
        if (m == null || m.layout.spec() != spec) {
            m = new Model(FeatureLayout.of(spec));
            models.put(name, m);
        }
        return m;
    }

    /** The observation of a record of the plain shape, or null for any other (left to the contract's decoder). */
    private Observation fast(String json, Model model) {
        try (JsonParser p = JSON.createParser(json)) {
            return read(p, model);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** As {@link #fast(String, Model)}, with Jackson's byte-based parser. */
    private Observation fast(byte[] json, Model model) {
        try (JsonParser p = JSON.createParser(json)) {
            return read(p, model);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static final int MODEL = 1;
    private static final int REQUEST_ID = 2;
    private static final int TIMESTAMP = 4;
    private static final int MODEL_VERSION = 8;
    private static final int PREDICTION = 16;
    private static final int SCORE = 32;
    private static final int FEATURES = 64;
    private static final int ATTRIBUTES = 128;

    private Observation read(JsonParser p, Model model) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int slots = model == null ? 0 : model.layout.size();
        byte[] kinds = new byte[slots];
        double[] numbers = new double[slots];
        String[] texts = new String[slots];
        Map<String, Object> others = null;
        String modelName = null;
        String requestId = null;
        Instant timestamp = null;
        Double score = null;
        Integer modelVersion = null;
        lastPrediction = null;
        lastAttributes = Map.of();
        int features = 0;
        int seen = 0;
        for (int position = 0; ; position++) {
            String field = nextName(p, position < EXPECTED_FIELDS ? fieldOrder[position] : null);
            if (field == null) {
                break;
            }
            if (position < EXPECTED_FIELDS && (fieldOrder[position] == null || fieldOrder[position].getValue() != field)) {
                fieldOrder[position] = new SerializedString(field);
            }
            JsonToken t = p.nextToken();
            int bit;
            switch (field) {
                case "model" -> {
                    bit = MODEL;
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    modelName = modelNames.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                }
                case "requestId" -> {
                    bit = REQUEST_ID;
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    requestId = p.getText();
                }
                case "timestamp" -> {
                    bit = TIMESTAMP;
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    timestamp = instant(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    if (timestamp == null) {
                        return null;
                    }
                }
                case "modelVersion", "prediction" -> {
                    bit = field.equals("modelVersion") ? MODEL_VERSION : PREDICTION;
                    if (t != JsonToken.VALUE_NULL
                            && !(t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT)) {
                        return null;
                    }
                    if (bit == MODEL_VERSION && t == JsonToken.VALUE_NUMBER_INT) {
                        modelVersion = p.getIntValue();
                    } else if (t == JsonToken.VALUE_NUMBER_INT) {
                        lastPrediction = p.getIntValue();
                    }
                }
                case "score" -> {
                    bit = SCORE;
                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        double s = number(p);
                        if (!(s >= 0 && s <= 1)) {
                            return null;
                        }
                        score = s;
                    } else if (t != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "features" -> {
                    bit = FEATURES;
                    if (t != JsonToken.START_OBJECT) {
                        return null;
                    }
                    for (;;) {
                        int slot;
                        String name;
                        int guess = model != null && features < model.order.length ? model.order[features] : -1;
                        if (guess >= 0 && p.nextFieldName(model.names[guess])) {
                            slot = guess;
                            name = model.layout.name(guess);
                        } else {
                            name = guess >= 0 ? (p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null)
                                    : p.nextFieldName();
                            if (name == null) {
                                break;
                            }
                            slot = slot(model, features, name);
                        }
                        JsonToken v = p.nextToken();
                        features++;
                        if (slot >= 0) {
                            if (kinds[slot] != Observation.ABSENT) {
                                return null;
                            }
                            if (v == JsonToken.VALUE_STRING) {
                                kinds[slot] = Observation.TEXT;
                                texts[slot] = model.interners[slot].intern(p.getTextCharacters(), p.getTextOffset(),
                                        p.getTextLength());
                            } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                                kinds[slot] = Observation.NUMBER;
                                numbers[slot] = number(p);
                            } else {
                                return null;
                            }
                        } else {
                            if (others == null) {
                                others = new LinkedHashMap<>();
                            }
                            Object value;
                            if (v == JsonToken.VALUE_STRING) {
                                value = p.getText();
                            } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                                value = number(p);
                            } else {
                                return null;
                            }
                            if (others.put(name, value) != null) {
                                return null;
                            }
                        }
                    }
                }
                case "attributes" -> {
                    bit = ATTRIBUTES;
                    if (t == JsonToken.START_OBJECT) {
                        Map<String, String> attributes = new HashMap<>(4);
                        for (String name; (name = p.nextFieldName()) != null; ) {
                            JsonToken v = p.nextToken();
                            if (v == JsonToken.VALUE_STRING) {
                                attributes.put(name, p.getText());
                            } else if (v != JsonToken.VALUE_NULL) {
                                return null;
                            }
                        }
                        lastAttributes = attributes;
                    } else if (t != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                default -> {
                    bit = 0;
                    p.skipChildren();
                }
            }
            if ((seen & bit) != 0) {
                return null;
            }
            seen |= bit;
        }
        if (modelName == null || modelName.isBlank() || requestId == null || requestId.isBlank() || timestamp == null
                || features == 0) {
            return null;
        }
        return new Observation(modelName, requestId, timestamp, score, modelVersion, model == null ? null : model.layout, kinds,
                numbers, texts, others);
    }

    /**
     * The next field name of the object, or null at its end; {@code expected} (may be null) is tried
     * first by its characters, and on a match is the name returned.
     */
    private static String nextName(JsonParser p, SerializableString expected) throws IOException {
        if (expected == null) {
            return p.nextFieldName();
        }
        if (p.nextFieldName(expected)) {
            return expected.getValue();
        }
        return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    }

    /** The slot of feature {@code name}, the {@code index}-th of its event, remembered for the next event. */
    private static int slot(Model model, int index, String name) {
        if (model == null) {
            return -1;
        }
        int[] order = model.order;
        int slot = model.layout.slot(name);
        if (slot >= 0 && index < order.length) {
            order[index] = slot;
        }
        return slot;
    }

    /**
     * The number at the parser, as {@code Double.parseDouble} reads its text (what Jackson gives a
     * {@code Map<String, Object>}, then {@code Number.doubleValue()}): at most 15 significant digits
     * and a decimal exponent within ±22 are exact as a double and its power of ten, so one
     * multiplication or division rounds correctly (Clinger's fast path); anything else is left to the parser.
     */
    static double number(JsonParser p) throws IOException {
        char[] c = p.getTextCharacters();
        int i = p.getTextOffset();
        int end = i + p.getTextLength();
        boolean negative = i < end && c[i] == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int significant = 0;
        int scale = 0;
        boolean fraction = false;
        for (; i < end; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                if (digits != 0 || ch != '0') {
                    if (++significant > 15) {
                        return p.getDoubleValue();
                    }
                    digits = digits * 10 + (ch - '0');
                }
                if (fraction) {
                    scale--;
                }
            } else if (ch == '.' && !fraction) {
                fraction = true;
            } else {
                break;
            }
        }
        if (i < end) {
            // an exponent
            if (c[i] != 'e' && c[i] != 'E') {
                return p.getDoubleValue();
            }
            i++;
            boolean negativeExponent = i < end && c[i] == '-';
            if (i < end && (c[i] == '-' || c[i] == '+')) {
                i++;
            }
            if (i == end || end - i > 4) {
                return p.getDoubleValue();
            }
            int exponent = 0;
            for (; i < end; i++) {
                char ch = c[i];
                if (ch < '0' || ch > '9') {
                    return p.getDoubleValue();
                }
                exponent = exponent * 10 + (ch - '0');
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        double value;
        if (digits == 0) {
            // an integer -0 is the Integer 0, whose double is +0.0; a decimal -0.0 is -0.0
            return negative && p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT ? -0.0 : 0.0;
        }
        if (scale == 0) {
            value = digits;
        } else if (scale > 0 && scale < POW10.length) {
            value = digits * POW10[scale];
        } else if (scale < 0 && -scale < POW10.length) {
            value = digits / POW10[-scale];
        } else {
            return p.getDoubleValue();
        }
        return negative ? -value : value;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ssZ} or {@code yyyy-MM-ddTHH:mm:ss.fZ} with 1 to 9 fraction digits, as
     * {@code DateTimeFormatter.ISO_INSTANT} reads it; null for any other text, and for a date or time
     * that does not exist (the contract's decoder then says what is wrong with it).
     */
    static Instant instant(char[] c, int off, int len) {
        if (len < 20 || len > 30 || c[off + len - 1] != 'Z' || c[off + 4] != '-' || c[off + 7] != '-'
                || c[off + 10] != 'T' || c[off + 13] != ':' || c[off + 16] != ':') {
            return null;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (len > 20) {
            int fractionDigits = len - 21;
            if (c[off + 19] != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(c, off + 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int k = fractionDigits; k < 9; k++) {
                nanos *= 10;
            }
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The number written by {@code n} decimal digits at {@code off}; -1 when one is not a digit. */
    private static int digits(char[] c, int off, int n) {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            char ch = c[i];
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 to the date (proleptic Gregorian; H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /**
     * A bounded table of strings by their characters, so that a value read again is the same
     * {@code String} (its hash computed once) and no new one is allocated for it.
     */
    static final class Interner {

        private final int capacity;
        private String[] table = new String[16];
        private int size;

        Interner(int capacity) {
            this.capacity = capacity;
        }

        String intern(char[] c, int off, int len) {
            int h = 0;
            for (int i = off; i < off + len; i++) {
                h = 31 * h + c[i];
            }
            int mask = table.length - 1;
            for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
                String s = table[i];
                if (s == null) {
                    break;
                }
                if (s.hashCode() == h && matches(s, c, off, len)) {
                    return s;
                }
            }
            String s = new String(c, off, len);
            if (size < capacity) {
                if (2 * (size + 1) > table.length) {
                    grow();
                }
                put(s);
                size++;
            }
            return s;
        }

        private static boolean matches(String s, char[] c, int off, int len) {
            if (s.length() != len) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (s.charAt(i) != c[off + i]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            String[] old = table;
            table = new String[old.length * 2];
            for (String s : old) {
                if (s != null) {
                    put(s);
                }
            }
        }

        private void put(String s) {
            int h = s.hashCode();
            int mask = table.length - 1;
            int i = (h ^ (h >>> 16)) & mask;
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = s;
        }
    }
}
