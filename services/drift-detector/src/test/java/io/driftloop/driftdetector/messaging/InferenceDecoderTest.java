package io.driftloop.driftdetector.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.driftdetector.domain.FeatureLayout;
import io.driftloop.driftdetector.domain.Observation;
import io.driftloop.driftdetector.domain.Window;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InferenceDecoderTest {

    static final ModelSpec SPEC = ModelSpecs.parse("""
            name: credit-risk
            task: binary-classification
            features:
              - {name: age, type: numeric}
              - {name: income, type: numeric}
              - {name: region, type: categorical, values: [north, south, east, west]}
            """);

    final InferenceDecoder decoder = new InferenceDecoder(m -> SPEC.name().equals(m) ? SPEC : null);

    static final String VALID = "{\"model\":\"credit-risk\",\"requestId\":\"r-1\",\"timestamp\":\"2026-11-23T12:00:00Z\","
            + "\"modelVersion\":2,\"features\":{\"age\":41,\"income\":52000.5,\"region\":\"north\"},"
            + "\"attributes\":{\"channel\":\"web\"},\"prediction\":1,\"score\":0.83}";

    /** Records as producers write them, and every way a record can be odd or wrong. */
    static List<String> corpus() {
        List<String> c = new ArrayList<>(List.of(
                VALID,
                // fields in another order, the features before the model
                "{\"features\":{\"region\":\"south\",\"income\":1e4,\"age\":-3.25},\"score\":1,\"timestamp\":"
                        + "\"2026-02-28T23:59:59.123456789Z\",\"requestId\":\"r-2\",\"model\":\"credit-risk\"}",
                // unknown fields of every kind are skipped
                "{\"model\":\"credit-risk\",\"requestId\":\"r-3\",\"timestamp\":\"2026-11-23T12:00:00.5Z\",\"extra\":"
                        + "{\"a\":[1,2,{\"b\":null}]},\"more\":[true,false],\"n\":null,\"features\":{\"age\":1}}",
                // nulls where they are allowed
                "{\"model\":\"credit-risk\",\"requestId\":\"r-4\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"modelVersion\":"
                        + "null,\"prediction\":null,\"score\":null,\"attributes\":null,\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r-5\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"attributes\":"
                        + "{\"a\":null,\"b\":\"x\"},\"features\":{\"age\":1}}",
                // numbers as strings: a string value, counted as a category
                "{\"model\":\"credit-risk\",\"requestId\":\"r-6\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":"
                        + "{\"age\":\"41\",\"income\":\"52000.5\",\"region\":\"north\"}}",
                // a number for a categorical feature, features the spec does not name
                "{\"model\":\"credit-risk\",\"requestId\":\"r-7\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":"
                        + "{\"region\":7,\"tenure\":3.5,\"segment\":\"gold\",\"age\":2}}",
                // a missing feature
                "{\"model\":\"credit-risk\",\"requestId\":\"r-8\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":"
                        + "{\"income\":100}}",
                // numbers at the edges of the fast reading
                "{\"model\":\"credit-risk\",\"requestId\":\"r-9\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":"
                        + "{\"age\":-0,\"income\":-0.0,\"x1\":123456789012345678901234567890,\"x2\":0.1e-400,"
                        + "\"x3\":1.7976931348623157e308,\"x4\":9007199254740993,\"x5\":0.30000000000000004,"
                        + "\"x6\":1E22,\"x7\":1e23,\"x8\":4.35E-22,\"x9\":123456789012345.6,\"x10\":0.000001,"
                        + "\"x11\":2.2250738585072014E-308,\"x12\":1e+5}}",
                // a score coerced from a string, an int-like float version, a stringified version
                "{\"model\":\"credit-risk\",\"requestId\":\"r-10\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"score\":\"0.5\","
                        + "\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r-11\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"modelVersion\":"
                        + "2.0,\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r-12\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"modelVersion\":"
                        + "\"2\",\"features\":{\"age\":1}}",
                // timestamps the fast reading leaves to the contract's decoder
                "{\"model\":\"credit-risk\",\"requestId\":\"r-13\",\"timestamp\":\"2026-11-23T12:00:00+01:00\",\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r-14\",\"timestamp\":1763899200,\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r-15\",\"timestamp\":\"2026-11-23T12:00:60Z\",\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r-16\",\"timestamp\":\"2024-02-29T00:00:00Z\",\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r-17\",\"timestamp\":\"2026-11-23t12:00:00z\",\"features\":{\"age\":1}}",
                // another model without a spec: all features by name (the consumer then rejects it)
                "{\"model\":\"unknown\",\"requestId\":\"u-1\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":1}}",
                // trailing content after the object is not read, as by the object mapper
                VALID + " trailing",
                // invalid: each must fail as the contract's decoder fails
                "",
                "   ",
                "not json",
                "[1,2]",
                "{\"model\":\"credit-risk\",\"requestId\":\"broken\"}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\"}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":null}",
                "{\"model\":\" \",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":1}}",
                "{\"model\":null,\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-02-30T12:00:00Z\",\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"yesterday\",\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"\",\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":null}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":true}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":[1]}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"x\":{\"y\":1}}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"score\":1.5,\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"score\":-0.1,\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"modelVersion\":"
                        + "3000000000,\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"prediction\":\"yes\","
                        + "\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"attributes\":"
                        + "{\"a\":{\"b\":1}},\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":1}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":{\"age\":01}}",
                // a field or a feature twice: the last one counts, as the object mapper reads it
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"requestId\":\"r2\",\"timestamp\":\"2026-11-23T12:00:00Z\","
                        + "\"features\":{\"age\":1}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":"
                        + "{\"age\":1,\"age\":\"two\"}}",
                "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\",\"features\":"
                        + "{\"z\":1,\"z\":2}}"));
        // random valid events of the spec, written as the contract writes them
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("age", random.nextInt(3) == 0 ? (Object) random.nextInt(100) : random.nextGaussian() * 1e3);
            if (random.nextBoolean()) {
                features.put("income", Math.round(random.nextDouble() * 1e6) / 100.0);
            }
            features.put("region", new String[] {"north", "south", "east", "west", "ünïcode"}[random.nextInt(5)]);
            Instant at = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(4) == 0 ? 0
                    : random.nextInt(1_000_000_000));
            Double score = random.nextBoolean() ? null : random.nextDouble();
            c.add(Json.encode(new InferenceEvent("credit-risk", "g-" + i, at, 1, features, Map.of(), 0, score)));
        }
        return c;
    }

    @Test
    void decodesEveryRecordOfTheCorpusAsTheContractDecoderAndValidateDo() {
        int valid = 0;
        int invalid = 0;
        for (String json : corpus()) {
            InferenceEvent expected;
            try {
                expected = Json.decode(json, InferenceEvent.class).validate();
            } catch (InvalidEventException e) {
                invalid++;
                assertThatThrownBy(() -> decoder.decode(bytes(json), "credit-risk")).as(json)
                        .isInstanceOf(InvalidEventException.class).hasMessage(e.getMessage());
                continue;
            }
            valid++;
            Observation actual = decoder.decode(bytes(json), "credit-risk");
            assertSame(actual, expected, json);
        }
        assertThat(valid).isGreaterThan(300);
        assertThat(invalid).isGreaterThan(20);
    }

    @Test
    void aRecordKeyedByAnotherModelIsReadIntoItsOwnModelsLayout() {
        Observation o = decoder.decode(bytes(VALID), "some-other-key");

        assertThat(o.layout()).isNotNull();
        assertSame(o, Json.decode(VALID, InferenceEvent.class).validate(), VALID);
    }

    @Test
    void aWindowFilledFromDecodedRecordsHoldsWhatTheEventsGiveIt() {
        Window fromEvents = new Window("credit-risk", 10_000, 1, "o");
        Window fromObservations = new Window("credit-risk", 10_000, 1, "o");
        for (String json : corpus()) {
            InferenceEvent event;
            try {
                event = Json.decode(json, InferenceEvent.class).validate();
            } catch (InvalidEventException e) {
                continue;
            }
            assertThat(fromObservations.add(decoder.decode(bytes(json), "credit-risk"))).isEqualTo(fromEvents.add(event));
        }
        assertThat(Json.encode(fromObservations.snapshot())).isEqualTo(Json.encode(fromEvents.snapshot()));
    }

    @Test
    void categoriesReadAgainAreTheSameString() {
        Observation a = decoder.decode(bytes(VALID), "credit-risk");
        Observation b = decoder.decode(bytes(VALID.replace("r-1", "r-2")), "credit-risk");

        int region = a.layout().slot("region");
        assertThat(b.text(region)).isSameAs(a.text(region)).isEqualTo("north");
    }

    @Test
    void readsIsoInstantsAsTheFormatterDoes() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = at.toString();
            if (text.length() >= 20 && text.charAt(4) == '-') {
                assertThat(InferenceDecoder.instant(text.toCharArray(), 0, text.length())).as(text).isEqualTo(at);
            }
        }
        for (String text : List.of("2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-23T24:00:00Z",
                "2026-11-23T12:00:00.Z", "2026-11-23T12:00:00.1234567890Z", "2026-11-23 12:00:00Z", "2026-11-23T12:00:00")) {
            assertThat(InferenceDecoder.instant(text.toCharArray(), 0, text.length())).as(text).isNull();
        }
        assertThat(InferenceDecoder.epochDay(1970, 1, 1)).isZero();
        assertThat(InferenceDecoder.epochDay(2000, 3, 1)).isEqualTo(LocalDate.of(2000, 3, 1).toEpochDay());
    }

    @Test
    void readsNumbersAsDoubleParseDoubleDoes() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            String text = switch (i % 4) {
                case 0 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
                case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
                case 2 -> String.format("%." + random.nextInt(12) + "f", random.nextDouble() * 1e5);
                default -> random.nextInt(1_000_000) + "e" + (random.nextInt(60) - 30);
            };
            String json = "{\"model\":\"credit-risk\",\"requestId\":\"r\",\"timestamp\":\"2026-11-23T12:00:00Z\","
                    + "\"features\":{\"age\":" + text + "}}";
            Observation o = decoder.decode(bytes(json), "credit-risk");
            Object expected = Json.decode(json, InferenceEvent.class).features().get("age");
            assertThat(o.number(0)).as(text).isEqualTo(((Number) expected).doubleValue());
        }
    }

    /** Same model, request id, timestamp, score and the same features as the event gives them, slot by slot. */
    static void assertSame(Observation actual, InferenceEvent expected, String json) {
        assertThat(actual.model()).as(json).isEqualTo(expected.model());
        assertThat(actual.requestId()).as(json).isEqualTo(expected.requestId());
        assertThat(actual.timestamp()).as(json).isEqualTo(expected.timestamp());
        assertThat(actual.score()).as(json).isEqualTo(expected.score());
        Map<String, Object> features = new LinkedHashMap<>();
        FeatureLayout layout = actual.layout();
        for (int i = 0; i < actual.slots(); i++) {
            switch (actual.kind(i)) {
                case Observation.NUMBER -> features.put(layout.name(i), actual.number(i));
                case Observation.TEXT -> features.put(layout.name(i), actual.text(i));
                default -> { }
            }
        }
        actual.others().forEach((name, value) -> features.put(name, value instanceof Number n ? n.doubleValue() : value));
        Map<String, Object> want = new LinkedHashMap<>();
        expected.features().forEach((name, value) -> want.put(name, value instanceof Number n ? n.doubleValue() : value));
        assertThat(features).as(json).containsExactlyInAnyOrderEntriesOf(want);
        if (layout != null) {
            assertThat(actual.others().keySet()).as(json).allSatisfy(name -> assertThat(layout.slot(name)).isNegative());
        }
        // the sign of zero counts: -0.0 and 0.0 are different numbers to a sketch's order
        want.forEach((name, value) -> {
            Object got = features.get(name);
            if (value instanceof Double d) {
                assertThat(Double.doubleToRawLongBits((Double) got)).as(json + " " + name)
                        .isEqualTo(Double.doubleToRawLongBits(d));
            }
        });
    }

    @Test
    void aPlainRecordIsReadFromItsBytesWithoutTheContractDecoder() {
        assertThat(decoder.plain(bytes(VALID), "credit-risk")).isNotNull();
        assertThat(decoder.plain(bytes(VALID.replace("\"score\":0.83", "\"score\":\"0.83\"")), "credit-risk")).isNull();
    }

    @Test
    void aValueOutsideAsciiIsReadAsTheStringKafkasStringDeserializerGives() {
        String accented = VALID.replace("north", "nörd");
        assertThat(decoder.plain(bytes(accented), "credit-risk")).isNull();
        assertSame(decoder.decode(bytes(accented), "credit-risk"), Json.decode(accented, InferenceEvent.class).validate(),
                accented);

        // an overlong encoding of 'n' is malformed UTF-8: Java reads it as replacement characters
        byte[] overlong = bytes(VALID.replace("north", "#orth"));
        int at = new String(overlong, StandardCharsets.ISO_8859_1).indexOf('#');
        byte[] malformed = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, malformed, 0, at);
        malformed[at] = (byte) 0xC1;
        malformed[at + 1] = (byte) 0xAE;
        System.arraycopy(overlong, at + 1, malformed, at + 2, overlong.length - at - 1);
        String asJava = new String(malformed, StandardCharsets.UTF_8);
        Observation o = decoder.decode(malformed, "credit-risk");
        assertThat(o.text(o.layout().slot("region"))).isEqualTo(asJava.substring(asJava.indexOf("orth") - 2,
                asJava.indexOf("orth") + 4));
    }

    @Test
    void asciiTellsWhetherEveryByteIsBelow128() {
        for (int length = 0; length < 40; length++) {
            byte[] b = new byte[length];
            java.util.Arrays.fill(b, (byte) 'a');
            assertThat(InferenceDecoder.ascii(b)).isTrue();
            for (int i = 0; i < length; i++) {
                b[i] = (byte) 0x80;
                assertThat(InferenceDecoder.ascii(b)).as("length %d, byte %d", length, i).isFalse();
                b[i] = 'a';
            }
        }
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
