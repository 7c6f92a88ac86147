package io.driftloop.kit;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.driftloop.contracts.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Function;
import io.driftloop.follow.Backoff;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The one way a service handles a consumed record: decode and validate, then apply the effect, with
 * each failure treated as {@link Failures} classifies it. A record that cannot be decoded, or whose
 * effect fails permanently (invalid, too large, unauthorised), goes to its dead-letter topic at once.
 * An effect that fails retriably (broker unavailable, timeout, I/O) is the world's fault, not the
 * record's: it is tried again with backoff (200 ms doubling, at most 30 s apart, {@link Backoff})
 * for as long as it takes, never dead-lettered; the consumer stays in its group meanwhile (the
 * connector keeps polling with the partition paused, and its health reports the record waiting). Any
 * other failure is tried {@value #ATTEMPTS} times, then dead-lettered with the cause. Either way nothing
 * is dropped silently and a bad record cannot block the partition.
 */
@ApplicationScoped
public class Inbound {

    private static final Logger LOG = Logger.getLogger(Inbound.class);
    static final int ATTEMPTS = 3;

    private final BiConsumer<ConsumerRecord<String, String>, String> deadLetters;
    private final MeterRegistry meters;
    private final LongConsumer sleeper;
    private final Map<String, Counter> processed = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public Inbound(DeadLetters deadLetters, MeterRegistry meters) {
        this(deadLetters::send, meters, Backoff::sleep);
    }

    /**
     * An inbound that dead-letters through {@code deadLetters} and waits between attempts with
     * {@code sleeper}: for a consumer outside CDI's reach (a Kafka Streams processor under test).
     */
    public Inbound(BiConsumer<ConsumerRecord<String, String>, String> deadLetters, MeterRegistry meters, LongConsumer sleeper) {
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.sleeper = sleeper;
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
            deadLetters.accept(text.apply(record), e.getMessage());
            return;
        } catch (RuntimeException e) {
            deadLetters.accept(text.apply(record), "cannot decode: " + e);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                effect.accept(event);
                processed.computeIfAbsent(record.topic(), t -> meters.counter("driftloop.events.processed", "topic", t))
                        .increment();
                return;
            } catch (RuntimeException e) {
                Failures.Kind kind = Failures.classify(e);
                if (kind == Failures.Kind.PERMANENT) {
                    deadLetters.accept(text.apply(record),
                            e instanceof InvalidEventException ? e.getMessage() : Failures.describe(e));
                    return;
                }
                if (kind == Failures.Kind.UNKNOWN && attempt >= ATTEMPTS) {
                    LOG.errorf(e, "giving up on %s-%d@%d after %d attempts", record.topic(), record.partition(),
                            record.offset(), attempt);
                    deadLetters.accept(text.apply(record), "failed after " + attempt + " attempts: " + Failures.describe(e));
                    return;
                }
                meters.counter("driftloop.retries", "topic", record.topic(), "kind",
                        kind.name().toLowerCase(java.util.Locale.ROOT)).increment();
                long wait = Backoff.millis(attempt);
                LOG.warnf("attempt %d on %s-%d@%d failed (%s), retrying in %d ms: %s", attempt, record.topic(),
                        record.partition(), record.offset(), kind.name().toLowerCase(java.util.Locale.ROOT), wait, e);
                sleeper.accept(wait);
            }
        }
    }
}
