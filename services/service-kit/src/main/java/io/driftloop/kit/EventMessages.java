package io.driftloop.kit;

import io.driftloop.contracts.EventHeaders;
import io.driftloop.contracts.Json;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Builds the Kafka message of an emitted event: JSON body, key = model name, and CloudEvents
 * binary-mode headers ({@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_time},
 * {@code ce_subject} = model, and {@code ce_causationid} when there is a cause), written by the
 * SmallRye Kafka connector.
 */
public final class EventMessages {

    private EventMessages() {
    }

    /**
     * @param service     emitting service, becomes {@code ce_source = /driftloop/<service>}
     * @param topic       topic the channel writes to; gives {@code ce_type}
     * @param model       model name: the record key and {@code ce_subject}
     * @param eventId     {@code ce_id}; deterministic where replays must be recognised
     * @param causationId id of the event that caused this one, or null
     */
    public static Message<String> event(String service, String topic, String model, String eventId,
                                        String causationId, Object payload) {
        return event(service, topic, model, eventId, causationId, payload, null);
    }

    /** As above, with the Kafka record timestamp set to {@code recordTime} (the event's own time) when not null. */
    public static Message<String> event(String service, String topic, String model, String eventId,
                                        String causationId, Object payload, Instant recordTime) {
        return keyed(service, topic, model, model, eventId, causationId, payload, recordTime);
    }

    /**
     * An event whose record key is {@code key} rather than the model, for a compacted topic kept per
     * something else (e.g. per request); {@code ce_subject} is still the model.
     */
    public static Message<String> keyed(String service, String topic, String key, String model, String eventId,
                                        String causationId, Object payload, Instant recordTime) {
        var ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(eventId)
                .withType(EventHeaders.ceType(topic))
                .withSource(URI.create(source(service)))
                .withSubject(model)
                .withTimestamp(Instant.now().atZone(ZoneOffset.UTC))
                .withDataContentType("application/json");
        if (causationId != null) {
            ce.withExtension("causationid", causationId);
        }
        return Message.of(Json.encode(payload))
                .addMetadata(ce.build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key)
                        .withTimestamp(recordTime).build());
    }

    /**
     * The same CloudEvents binary-mode headers, for a record written by a Kafka client of its own (a
     * Kafka Streams topology) rather than a SmallRye channel.
     */
    public static org.apache.kafka.common.header.Headers headers(String service, String topic, String model,
                                                                 String eventId, String causationId) {
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        header(headers, EventHeaders.CE_SPECVERSION, "1.0");
        header(headers, EventHeaders.CE_ID, eventId);
        header(headers, EventHeaders.CE_TYPE, EventHeaders.ceType(topic));
        header(headers, EventHeaders.CE_SOURCE, source(service));
        header(headers, EventHeaders.CE_SUBJECT, model);
        header(headers, EventHeaders.CE_TIME, Instant.now().atZone(ZoneOffset.UTC).toString());
        header(headers, "content-type", "application/json");
        if (causationId != null) {
            header(headers, EventHeaders.CE_CAUSATION_ID, causationId);
        }
        return headers;
    }

    /** {@code ce_source} of the events {@code service} emits. */
    private static String source(String service) {
        return "/driftloop/" + service;
    }

    private static void header(org.apache.kafka.common.header.Headers headers, String name, String value) {
        headers.add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
