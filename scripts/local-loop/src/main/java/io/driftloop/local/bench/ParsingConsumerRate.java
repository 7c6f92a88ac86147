package io.driftloop.local.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A second reference for the drift-detector's throughput: a bare Kafka consumer that reads a topic
 * as {@link RawConsumerRate}'s tool does (a child JVM, 512 MB heap, default fetch settings, a fresh
 * group) and, unlike the tool, reads every value as JSON — one pass of Jackson's streaming parser
 * over its bytes, every number as a double (with Jackson's fast double parser) and every string's
 * characters — and does nothing else.
 * A consumer that reads these events with Jackson is not faster than this on the same machine, so
 * it bounds what the drift-detector can reach: the share of the tool's rate left after merely
 * reading the payloads.
 */
public final class ParsingConsumerRate {

    /**
     * @param messages       records read
     * @param fetchMs        from the first record received to the last
     * @param msgsPerSec     messages over fetchMs
     * @param secondHalfMsgsPerSec the rate over the second half of the messages (its JIT warm-up behind)
     */
    public record Result(long messages, long fetchMs, double msgsPerSec, double secondHalfMsgsPerSec) {
    }

    private static final String RESULT = "parsing-consumer-result ";

    private ParsingConsumerRate() {
    }

    /** Runs the consumer in a child JVM for {@code messages} records of {@code topic}; its output goes to {@code log}. */
    public static Result measure(String classpath, String bootstrapServers, String topic, long messages, Path log) {
        String output = RawConsumerRate.runJava(classpath, ParsingConsumerRate.class.getName(), List.of(),
                List.of(bootstrapServers, topic, Long.toString(messages)), log, "the JSON-reading consumer");
        for (String line : output.split("\\R")) {
            if (line.startsWith(RESULT)) {
                String[] f = line.substring(RESULT.length()).split(" ");
                long read = Long.parseLong(f[0]);
                long ms = Long.parseLong(f[1]);
                long halfMs = Long.parseLong(f[2]);
                long secondHalf = Long.parseLong(f[3]);
                RawConsumerRate.requireAll(read, messages, "the JSON-reading consumer", log);
                return new Result(read, ms, read * 1000.0 / Math.max(ms, 1), secondHalf * 1000.0 / Math.max(halfMs, 1));
            }
        }
        throw new IllegalStateException("no result line from the JSON-reading consumer; see " + log);
    }

    /** {@code bootstrapServers topic messages}: reads and parses that many records, prints the result line. */
    public static void main(String[] args) throws IOException {
        String bootstrap = args[0];
        String topic = args[1];
        long messages = Long.parseLong(args[2]);
        // Jackson's fastest way to read a double: the reference must not be slowed by its number parsing
        JsonFactory json = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
        double checksum = 0;
        long read = 0;
        long first = 0;
        long last = 0;
        long half = 0;
        long readAtHalf = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-parsing-" + UUID.randomUUID().toString().substring(0, 8),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (read < messages && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    checksum += parse(json, r.value());
                    read++;
                }
                last = System.nanoTime();
                if (half == 0 && read >= messages / 2) {
                    half = last;
                    readAtHalf = read;
                }
            }
        }
        System.out.println(RESULT + read + " " + (last - first) / 1_000_000 + " " + (last - half) / 1_000_000 + " "
                + (read - readAtHalf) + " (checksum " + checksum + ")");
    }

    /** Every token of the value: numbers as doubles, strings' characters; their sum, so none of it is dead code. */
    static double parse(JsonFactory json, byte[] value) throws IOException {
        double sum = 0;
        try (JsonParser p = json.createParser(value)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> sum += p.getDoubleValue();
                    case VALUE_STRING, FIELD_NAME -> sum += p.getTextLength();
                    default -> { }
                }
            }
        }
        return sum;
    }
}
