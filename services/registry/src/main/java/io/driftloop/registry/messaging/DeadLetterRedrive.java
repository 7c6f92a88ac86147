package io.driftloop.registry.messaging;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.kit.DeadLetterHeaders;
import io.driftloop.kit.KafkaClients;
import io.driftloop.registry.domain.Redrives;
import io.driftloop.registry.domain.Redrives.DeadLetter;
import io.driftloop.registry.domain.Redrives.Decision;
import io.driftloop.registry.domain.Redrives.Position;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends chosen dead letters back to their source topic ({@link Redrives} decides which): key, value
 * and headers byte for byte — the event's ids among them, so consumers recognise a record they have
 * already seen — without the {@code dl_*} headers and with {@code dl_redriven_from} = {@code
 * <dead-letter topic>/<partition>/<offset>}. Each send waits for the broker's acknowledgement.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    private static final Logger LOG = Logger.getLogger(DeadLetterRedrive.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClients kafka;
    private final MutinyEmitter<byte[]> emitter;

    public DeadLetterRedrive(KafkaClients kafka, @Channel("redrive") MutinyEmitter<byte[]> emitter) {
        this.kafka = kafka;
        this.emitter = emitter;
    }

    /** What a re-drive did: the topic the records went back to, and each asked position's decision. */
    public record Redriven(String target, List<Decision> decisions) {
    }

    /**
     * Re-drives the dead letters of {@code deadLetterTopic} at {@code positions}; throws
     * IllegalArgumentException, before reading anything, for a topic whose dead letters are not re-driven.
     */
    public Redriven redrive(String deadLetterTopic, List<Position> positions, String operator) {
        String target = Redrives.target(deadLetterTopic);
        Map<Position, ConsumerRecord<byte[], byte[]>> records = read(deadLetterTopic, positions);
        Map<Position, DeadLetter> found = new HashMap<>();
        records.forEach((p, r) -> {
            DeadLetterHeaders h = DeadLetterHeaders.of(r.headers());
            found.put(p, new DeadLetter(p, h.sourceTopic(), h.sourcePartition(), h.sourceOffset()));
        });
        List<Decision> decisions = Redrives.decide(deadLetterTopic, positions, found);
        for (Decision d : decisions) {
            if (d.redrive()) {
                send(target, deadLetterTopic, records.get(d.position()));
                LOG.infof("re-drove %s %s to %s (its source record %s/%d/%d), asked by %s", deadLetterTopic,
                        d.position(), target, target, d.deadLetter().sourcePartition(), d.deadLetter().sourceOffset(),
                        operator);
            } else {
                LOG.infof("did not re-drive %s %s: %s", deadLetterTopic, d.position(), d.skipped());
            }
        }
        return new Redriven(target, decisions);
    }

    private void send(String target, String deadLetterTopic, ConsumerRecord<byte[], byte[]> r) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            if (!DeadLetterHeaders.isDeadLetterHeader(h.key())) {
                headers.add(h);
            }
        }
        headers.add(EventHeaders.DL_REDRIVEN_FROM,
                (deadLetterTopic + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
        emitter.sendMessageAndAwait(Message.of(r.value()).addMetadata(OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withTopic(target).withKey(r.key()).withHeaders(headers).build()));
    }

    /** The records at {@code positions} (those that exist), read by a group-less consumer. */
    private Map<Position, ConsumerRecord<byte[], byte[]>> read(String topic, List<Position> positions) {
        Map<Position, ConsumerRecord<byte[], byte[]>> out = new HashMap<>();
        Map<String, Object> config = kafka.consumer();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            int partitions = consumer.partitionsFor(topic, READ_TIMEOUT).size();
            Map<Integer, List<Position>> byPartition = positions.stream().distinct()
                    .filter(p -> p.partition() >= 0 && p.partition() < partitions && p.offset() >= 0)
                    .collect(Collectors.groupingBy(Position::partition));
            byPartition.forEach((partition, asked) -> {
                TopicPartition tp = new TopicPartition(topic, partition);
                consumer.assign(List.of(tp));
                long end = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
                for (Position p : asked) {
                    if (p.offset() >= end) {
                        continue;
                    }
                    consumer.seek(tp, p.offset());
                    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                    ConsumerRecord<byte[], byte[]> at = null;
                    while (at == null && consumer.position(tp) <= p.offset() && System.nanoTime() < deadline) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            if (r.offset() == p.offset()) {
                                at = r;
                            }
                        }
                    }
                    if (at != null) {
                        out.put(p, at);
                    }
                }
            });
        }
        return out;
    }
}
