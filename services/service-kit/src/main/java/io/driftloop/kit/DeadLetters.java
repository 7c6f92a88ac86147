package io.driftloop.kit;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Topics;
import io.driftloop.follow.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends a record that cannot be processed to {@code <topic>.dlq}, unchanged, with headers saying
 * why ({@code dl_reason}) and where it came from ({@code dl_source_topic}, {@code
 * dl_source_partition}, {@code dl_source_offset}, {@code dl_service}). Waits for the broker's
 * acknowledgement, so the source offset is committed only once the dead letter is safe; while the
 * broker is away (a retriable failure, {@link Failures}) it keeps trying, at most 30 s apart.
 * Needs the outgoing channel {@code dead-letters} configured on the Kafka connector.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;
    private final MeterRegistry meters;
    private final String service;

    public DeadLetters(@Channel("dead-letters") MutinyEmitter<String> emitter, MeterRegistry meters,
                       @ConfigProperty(name = "quarkus.application.name") String service) {
        this.emitter = emitter;
        this.meters = meters;
        this.service = service;
    }

    public void send(ConsumerRecord<String, String> record, String reason) {
        String dlq = Topics.deadLetter(record.topic());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(EventHeaders.DL_REASON, bytes(reason));
        headers.add(EventHeaders.DL_SOURCE_TOPIC, bytes(record.topic()));
        headers.add(EventHeaders.DL_SOURCE_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(EventHeaders.DL_SOURCE_OFFSET, bytes(Long.toString(record.offset())));
        headers.add(EventHeaders.DL_SERVICE, bytes(service));
        LOG.warnf("dead letter %s-%d@%d -> %s: %s", record.topic(), record.partition(), record.offset(), dlq, reason);
        for (int attempt = 1; ; attempt++) {
            try {
                emitter.sendMessageAndAwait(Message.of(record.value() == null ? "" : record.value())
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withTopic(dlq).withKey(record.key()).withHeaders(headers).build()));
                break;
            } catch (RuntimeException e) {
                if (Failures.classify(e) != Failures.Kind.RETRIABLE) {
                    throw e;
                }
                // the broker is away: the source offset stays uncommitted until the dead letter is safe
                long wait = Backoff.millis(attempt);
                LOG.warnf("dead letter of %s-%d@%d not written yet (attempt %d), retrying in %d ms: %s",
                        record.topic(), record.partition(), record.offset(), attempt, wait, e);
                Backoff.sleep(wait);
            }
        }
        meters.counter("driftloop.dead.letters", "topic", record.topic()).increment();
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
