package io.driftloop.registry.messaging;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads {@code ct.model.lifecycle.v1}, the registry's own event log, from its beginning to the end
 * offsets it had when the read started, with a group-less consumer (nothing is committed). Each
 * partition keeps the order of its models' events (key = model).
 */
final class LifecycleLog {

    private static final Logger LOG = Logger.getLogger(LifecycleLog.class);

    /** What a replay read: events applied and records skipped as undecodable or not fitting the state. */
    record Replayed(long applied, long skipped) {
    }

    private LifecycleLog() {
    }

    static Replayed replay(String bootstrapServers, Consumer<ModelLifecycleChanged> apply) {
        long applied = 0;
        long skipped = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "registry-replay-" + Long.toHexString(System.nanoTime())),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODEL_LIFECYCLE, Duration.ofSeconds(60))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        skipped++;
                        continue;
                    }
                    try {
                        apply.accept(Json.decode(record.value(), ModelLifecycleChanged.class));
                        applied++;
                    } catch (RuntimeException e) {
                        // our own log: a record that does not fit is reported, never fatal
                        LOG.errorf("skipping lifecycle record %s-%d@%d: %s", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                        skipped++;
                    }
                }
            }
        }
        return new Replayed(applied, skipped);
    }
}
