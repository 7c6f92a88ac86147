package io.driftloop.kit;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.driftloop.contracts.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The one way a service handles a consumed record: decode and validate, then apply the effect.
 * An invalid record goes to its dead-letter topic at once; an effect that fails for another reason
 * is retried a bounded number of times with backoff, then dead-lettered with the cause. Either way
 * the consumer moves on: nothing is dropped silently and nothing blocks the partition.
 */
@ApplicationScoped
public class Inbound {

    private static final Logger LOG = Logger.getLogger(Inbound.class);
    static final int ATTEMPTS = 3;

    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Map<String, Counter> processed = new ConcurrentHashMap<>();

    public Inbound(DeadLetters deadLetters, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /**
     * @param decoder turns the record value into a validated event; throws {@link InvalidEventException}
     * @param effect  what the service does with the event; must be idempotent (it may see a replay)
     */
    public <T> void handle(ConsumerRecord<String, String> record, Function<String, T> decoder, Consumer<T> effect) {
        handle(record, r -> r, decoder, effect);
    }

    /**
     * As {@link #handle(ConsumerRecord, Function, Consumer)}, for a record whose value a consumer's
     * own deserializer read ({@code V}); {@code text} gives the record as {@code StringDeserializer}
     * would have, and is called only to dead-letter it.
     */
    public <V, T> void handle(ConsumerRecord<String, V> record,
                              Function<ConsumerRecord<String, V>, ConsumerRecord<String, String>> text,
                              Function<V, T> decoder, Consumer<T> effect) {
        T event;
        try {
            event = decoder.apply(record.value());
        } catch (InvalidEventException e) {
            deadLetters.send(text.apply(record), e.getMessage());
            return;
        } catch (RuntimeException e) {
            deadLetters.send(text.apply(record), "cannot decode: " + e);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                effect.accept(event);
                processed.computeIfAbsent(record.topic(), t -> meters.counter("driftloop.events.processed", "topic", t))
                        .increment();
                return;
            } catch (InvalidEventException e) {
                deadLetters.send(text.apply(record), e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    LOG.errorf(e, "giving up on %s-%d@%d after %d attempts", record.topic(), record.partition(),
                            record.offset(), attempt);
                    deadLetters.send(text.apply(record), "failed after " + attempt + " attempts: " + e);
                    return;
                }
                LOG.warnf("attempt %d on %s-%d@%d failed, retrying: %s", attempt, record.topic(),
                        record.partition(), record.offset(), e);
                backoff(attempt);
            }
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(200L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
