package io.driftloop.local.fuzz;

import io.driftloop.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Generated bad records for the two input topics, of many kinds: not JSON, the wrong JSON, missing
 * and unknown fields, values the spec does not allow, numbers that overflow, invalid UTF-8, deep
 * nesting, null keys, empty and oversized values. Each is something a producer could really send and
 * that no consumer may accept; every consuming service must dead-letter each with a reason.
 */
public final class BadRecords {

    /** One kind: its name, the topic it goes to, its key and value (null: none) for the i-th record, and how many at most. */
    public record Kind(String name, String topic, boolean nullKey, IntFunction<byte[]> value, int cap) {
    }

    /** One record to send. */
    public record Bad(Kind kind, String key, byte[] value) {
    }

    /** A spec the records are judged against: one numeric and one categorical feature, one sensitive attribute. */
    public static String spec(String model) {
        return """
                name: %s
                task: binary-classification
                label: y
                features: [{name: age, type: numeric}, {name: region, type: categorical, values: [north, south]}]
                attributes: [{name: gender, sensitive: true}]
                """.formatted(model);
    }

    private BadRecords() {
    }

    /** A valid inference of {@code model}, as JSON, with {@code features} and {@code attributes} spliced in. */
    public static String inference(String model, String requestId, String features, String attributes, String extra) {
        return "{\"model\":\"" + model + "\",\"requestId\":\"" + requestId + "\",\"timestamp\":\"2026-12-04T12:00:00Z\","
                + "\"features\":{" + features + "},\"attributes\":{" + attributes + "}" + extra + "}";
    }

    public static String feedback(String model, String requestId, String label) {
        return "{\"model\":\"" + model + "\",\"requestId\":\"" + requestId + "\",\"label\":" + label
                + ",\"timestamp\":\"2026-12-04T12:00:05Z\"}";
    }

    /** Every kind, for records of {@code model} (whose spec is {@link #spec}). */
    public static List<Kind> kinds(String model) {
        String ok = "\"age\":41,\"region\":\"north\"";
        String g = "\"gender\":\"f\"";
        String inf = Topics.INFERENCE;
        String fb = Topics.FEEDBACK;
        List<Kind> k = new ArrayList<>();
        k.add(kind("not-json", inf, i -> "not json at all " + i));
        k.add(kind("truncated-json", inf, i -> inference(model, "fz-" + i, ok, g, "").substring(0, 40)));
        k.add(kind("json-array", inf, i -> "[" + i + ",2,3]"));
        k.add(kind("json-null", inf, i -> "null"));
        k.add(kind("empty-value", inf, i -> ""));
        k.add(new Kind("no-value", inf, false, i -> null, Integer.MAX_VALUE));
        k.add(new Kind("null-key-garbage", inf, true, i -> bytes("{\"oops\":" + i + "}"), Integer.MAX_VALUE));
        k.add(kind("missing-request-id", inf, i -> "{\"model\":\"" + model + "\",\"timestamp\":\"2026-12-04T12:00:00Z\","
                + "\"features\":{" + ok + "},\"attributes\":{" + g + "}}"));
        k.add(kind("missing-model", inf, i -> "{\"requestId\":\"fz-" + i + "\",\"timestamp\":\"2026-12-04T12:00:00Z\","
                + "\"features\":{" + ok + "},\"attributes\":{" + g + "}}"));
        k.add(kind("no-spec-registered", inf, i -> inference(model + "-unknown", "fz-" + i, ok, g, "")));
        k.add(kind("missing-feature", inf, i -> inference(model, "fz-" + i, "\"age\":41", g, "")));
        k.add(kind("string-for-number", inf, i -> inference(model, "fz-" + i, "\"age\":\"forty\",\"region\":\"north\"", g, "")));
        k.add(kind("number-overflow", inf, i -> inference(model, "fz-" + i, "\"age\":1e400,\"region\":\"north\"", g, "")));
        k.add(kind("absurd-number", inf, i -> inference(model, "fz-" + i, "\"age\":1e13,\"region\":\"north\"", g, "")));
        k.add(new Kind("long-categorical", inf, false, i -> bytes(inference(model, "fz-" + i,
                "\"age\":41,\"region\":\"" + "n".repeat(200_000) + "\"", g, "")), 20));
        // invalid UTF-8 inside a string, which a lenient decoder quietly turns into U+FFFD
        k.add(new Kind("invalid-utf8", inf, false, i -> invalidUtf8(model, i), Integer.MAX_VALUE));
        k.add(kind("deep-nesting", inf, i -> inference(model, "fz-" + i, "\"age\":" + "[".repeat(5000) + "]".repeat(5000)
                + ",\"region\":\"north\"", g, "")));
        k.add(kind("missing-sensitive-attribute", inf, i -> inference(model, "fz-" + i, ok, "", "")));
        k.add(kind("bad-timestamp", inf, i -> inference(model, "fz-" + i, ok, g, "").replace("2026-12-04T12:00:00Z", "yesterday")));
        k.add(kind("prediction-out-of-range", inf, i -> inference(model, "fz-" + i, ok, g, ",\"prediction\":5")));
        k.add(kind("model-version-zero", inf, i -> inference(model, "fz-" + i, ok, g, ",\"modelVersion\":0")));
        k.add(new Kind("oversized-value", inf, false, i -> bytes(inference(model, "fz-" + i,
                "\"age\":41,\"region\":\"" + "s".repeat(900_000) + "\"", g, "")), 10));
        k.add(kind("label-out-of-range", fb, i -> feedback(model, "fz-" + i, "7")));
        k.add(kind("label-string", fb, i -> feedback(model, "fz-" + i, "\"yes\"")));
        k.add(kind("label-overflow", fb, i -> feedback(model, "fz-" + i, "1e400")));
        k.add(kind("feedback-not-json", fb, i -> "<feedback " + i + ">"));
        k.add(kind("feedback-missing-request-id", fb, i -> "{\"model\":\"" + model + "\",\"label\":1}"));
        k.add(kind("feedback-no-spec-registered", fb, i -> feedback(model + "-unknown", "fz-" + i, "1")));
        k.add(kind("feedback-empty-value", fb, i -> ""));
        k.add(kind("feedback-deep-nesting", fb, i -> feedback(model, "fz-" + i, "[".repeat(5000) + "]".repeat(5000))));
        return List.copyOf(k);
    }

    /** {@code n} bad records, the kinds taken in turn (a kind with a cap drops out once it has it). */
    public static List<Bad> generate(String model, int n) {
        List<Kind> kinds = kinds(model);
        int[] made = new int[kinds.size()];
        List<Bad> out = new ArrayList<>(n);
        for (int i = 0; out.size() < n; i++) {
            int k = i % kinds.size();
            Kind kind = kinds.get(k);
            if (made[k] >= kind.cap()) {
                continue;
            }
            made[k]++;
            out.add(new Bad(kind, kind.nullKey() ? null : model, kind.value().apply(i)));
        }
        return out;
    }

    private static byte[] invalidUtf8(String model, int i) {
        byte[] head = bytes("{\"model\":\"" + model + "\",\"requestId\":\"fz-" + i
                + "\",\"timestamp\":\"2026-12-04T12:00:00Z\",\"features\":{\"age\":41,\"region\":\"");
        byte[] tail = bytes("\"},\"attributes\":{\"gender\":\"f\"}}");
        byte[] out = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = (byte) 0xC3;
        out[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, out, head.length + 2, tail.length);
        return out;
    }

    private static Kind kind(String name, String topic, IntFunction<String> value) {
        return new Kind(name, topic, false, i -> {
            String v = value.apply(i);
            return v == null ? null : bytes(v);
        }, Integer.MAX_VALUE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
