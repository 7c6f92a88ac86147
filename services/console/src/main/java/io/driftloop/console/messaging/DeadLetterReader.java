package io.driftloop.console.messaging;

import io.driftloop.kit.DeadLetterHeaders;
import io.driftloop.kit.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the newest records of a dead-letter topic on demand, with one group-less consumer kept for
 * the purpose and assigned to the topic's partitions for each read (nothing committed, nothing
 * written; reads one at a time). Keys and values are bytes decoded as UTF-8
 * with replacement and cut at {@value #SHOWN} characters: a dead letter is whatever a producer sent,
 * so nothing about it is trusted (the pages escape it).
 */
@ApplicationScoped
public class DeadLetterReader {

    static final int SHOWN = 4000;

    /** One dead letter: where it sits, why it is there, where it came from, and what it holds. */
    public record Letter(int partition, long offset, Instant at, String service, String reason, String sourceTopic,
                         Integer sourcePartition, Long sourceOffset, String redrivenFrom, String key, String value) {
    }

    private final KafkaClients kafka;
    private KafkaConsumer<byte[], byte[]> consumer;

    public DeadLetterReader(KafkaClients kafka) {
        this.kafka = kafka;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    /** The newest {@code limit} records of {@code topic} (a {@code .dlq} topic), the newest first. */
    public synchronized List<Letter> newest(String topic, int limit) {
        if (!topic.endsWith(".dlq")) {
            throw new IllegalArgumentException("not a dead-letter topic: " + topic);
        }
        if (consumer == null) {
            Map<String, Object> config = new HashMap<>(kafka.consumer());
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            // a page waits for this read: the broker answers a fetch at once rather than after 500 ms
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            consumer = new KafkaConsumer<>(config);
        }
        try {
            return read(topic, limit);
        } catch (RuntimeException e) {
            // a consumer in an unknown state is not reused
            close();
            throw e;
        }
    }

    private List<Letter> read(String topic, int limit) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(5));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(5));
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - limit));
        }
        List<Letter> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    out.add(letter(r));
                }
            }
        }
        out.sort(Comparator.comparing(Letter::at, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> r) {
        DeadLetterHeaders h = DeadLetterHeaders.of(r.headers());
        return new Letter(r.partition(), r.offset(), r.timestamp() < 0 ? null : Instant.ofEpochMilli(r.timestamp()),
                h.service(), h.reason(), h.sourceTopic(), h.sourcePartition(), h.sourceOffset(), h.redrivenFrom(),
                text(r.key()), text(r.value()));
    }

    private static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.length() > SHOWN ? s.substring(0, SHOWN) + "… (" + bytes.length + " bytes)" : s;
    }
}
