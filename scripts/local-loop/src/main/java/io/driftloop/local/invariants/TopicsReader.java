package io.driftloop.local.invariants;

import io.driftloop.infra.kafka.KafkaSettings;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainRequested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a {@link TopicsSnapshot} back from a running broker: every record now on the topics the
 * invariants speak of (group-less, from the beginning to the end offsets at the start of the read),
 * and every consumer group's committed lag. A record that does not parse is skipped here: it is the
 * dead-letter topics' business, and the keys of dead letters that still name a model and request id
 * are collected so that a rejected inference or feedback is not counted as lost.
 */
public final class TopicsReader {

    private TopicsReader() {
    }

    /** @param kafka the client settings to read with (a principal that may read every topic) */
    public static TopicsSnapshot read(Map<String, ?> kafka) {
        List<String> inferences = new ArrayList<>();
        List<String> feedbacks = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        Set<String> deadLettered = new HashSet<>();
        List<String> requests = new ArrayList<>();
        List<DatasetReady> datasets = new ArrayList<>();
        List<ModelTrained> trained = new ArrayList<>();
        List<ModelLifecycleChanged> lifecycle = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaSettings.with(kafka,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer())) {
            readAll(consumer, Topics.INFERENCE, r -> key(r).ifPresent(inferences::add));
            readAll(consumer, Topics.FEEDBACK, r -> key(r).ifPresent(feedbacks::add));
            readAll(consumer, Topics.EXAMPLES, r -> key(r).ifPresent(examples::add));
            readAll(consumer, Topics.deadLetter(Topics.INFERENCE), r -> key(r).ifPresent(deadLettered::add));
            readAll(consumer, Topics.deadLetter(Topics.FEEDBACK), r -> key(r).ifPresent(deadLettered::add));
            readAll(consumer, Topics.RETRAIN_REQUESTED, r -> parse(r, RetrainRequested.class, e -> requests.add(e.eventId())));
            readAll(consumer, Topics.DATASET_READY, r -> parse(r, DatasetReady.class, datasets::add));
            readAll(consumer, Topics.MODEL_TRAINED, r -> parse(r, ModelTrained.class, trained::add));
            // one partition per model's events in log order: the sequence rule reads them in that order
            readAll(consumer, Topics.MODEL_LIFECYCLE, r -> parse(r, ModelLifecycleChanged.class, lifecycle::add));
        }
        return new TopicsSnapshot(inferences, feedbacks, examples, deadLettered, requests, datasets, trained, lifecycle,
                groupLag(kafka));
    }

    /** Each consumer group's committed lag summed over the partitions it has committed. */
    public static Map<String, Long> groupLag(Map<String, ?> kafka) {
        Map<String, Long> lag = new HashMap<>();
        try (Admin admin = Admin.create(KafkaSettings.with(kafka))) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                long total = 0;
                for (var e : committed.entrySet()) {
                    if (e.getValue() != null) {
                        total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                lag.put(group.groupId(), total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer groups", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read consumer groups: " + e.getCause(), e.getCause());
        }
        return lag;
    }

    private static void readAll(KafkaConsumer<String, String> consumer, String topic,
                                Consumer<ConsumerRecord<String, String>> each) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            return;
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
            }
            consumer.poll(Duration.ofMillis(500)).forEach(each);
        }
    }

    /** The (model, request id) a record is about: the key and the value's requestId; empty when it has neither. */
    private static java.util.Optional<String> key(ConsumerRecord<String, String> r) {
        try {
            JsonNode node = Json.mapper().readTree(r.value());
            JsonNode request = node == null ? null : node.get("requestId");
            String model = r.key() != null ? r.key() : node != null && node.hasNonNull("model") ? node.get("model").asText() : null;
            return model == null || request == null || !request.isTextual() ? java.util.Optional.empty()
                    : java.util.Optional.of(TopicsSnapshot.key(model, request.asText()));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    private static <T> void parse(ConsumerRecord<String, String> r, Class<T> type, Consumer<T> each) {
        try {
            each.accept(Json.decode(r.value(), type));
        } catch (RuntimeException skipped) {
            // not an event of the contract: the dead-letter topics account for it
        }
    }
}
