package io.driftloop.dataprep.messaging;

import io.driftloop.kit.KafkaClients;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.dataprep.domain.DatasetBuilder.Located;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads exact offset ranges of the examples topic: every example of one model inside them. */
@ApplicationScoped
public class ExampleReader {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final KafkaClients kafka;

    public ExampleReader(KafkaClients kafka) {
        this.kafka = kafka;
    }

    public List<Located> read(String model, List<OffsetRange> ranges) {
        List<Located> out = new ArrayList<>();
        Map<String, Object> config = kafka.consumer();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            for (OffsetRange range : ranges) {
                TopicPartition tp = new TopicPartition(range.topic(), range.partition());
                consumer.assign(List.of(tp));
                consumer.seek(tp, range.fromOffset());
                long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                while (consumer.position(tp) < range.toOffset()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read " + range + " within " + READ_TIMEOUT);
                    }
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.offset() >= range.toOffset()) {
                            break;
                        }
                        if (model.equals(r.key()) && r.value() != null) {
                            out.add(new Located(r.partition(), r.offset(), Json.decode(r.value(), LabelledExample.class)));
                        }
                    }
                }
            }
        }
        return out;
    }
}
