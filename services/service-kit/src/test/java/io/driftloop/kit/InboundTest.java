package io.driftloop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.InvalidEventException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class InboundTest {

    final List<String> deadLetters = new ArrayList<>();
    final List<Long> waits = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Inbound inbound = new Inbound((r, reason) -> deadLetters.add(r.offset() + ": " + reason), meters, waits::add);
    final ConsumerRecord<String, String> record = new ConsumerRecord<>("ct.feedback.v1", 0, 7, "m", "{\"label\":1}");

    @Test
    void aValidRecordIsAppliedOnceAndCounted() {
        List<String> applied = new ArrayList<>();
        inbound.handle(record, v -> v, applied::add);
        assertThat(applied).containsExactly("{\"label\":1}");
        assertThat(deadLetters).isEmpty();
        assertThat(meters.counter("driftloop.events.processed", "topic", "ct.feedback.v1").count()).isEqualTo(1);
    }

    @Test
    void aRecordThatCannotBeDecodedIsDeadLetteredAtOnceWithTheReason() {
        inbound.handle(record, v -> {
            throw new InvalidEventException("label 7 is not 0 or 1");
        }, v -> { });
        inbound.handle(record, v -> {
            throw new IllegalStateException("garbled");
        }, v -> { });
        assertThat(deadLetters).containsExactly("7: label 7 is not 0 or 1", "7: cannot decode: java.lang.IllegalStateException: garbled");
        assertThat(waits).isEmpty();
    }

    @Test
    void aPermanentFailureOfTheEffectIsDeadLetteredWithoutRetrying() {
        AtomicInteger calls = new AtomicInteger();
        inbound.handle(record, v -> v, v -> {
            calls.incrementAndGet();
            throw new IllegalStateException("send failed", new RecordTooLargeException("2 MB"));
        });
        assertThat(calls).hasValue(1);
        assertThat(deadLetters).singleElement().asString().contains("RecordTooLargeException");
        assertThat(waits).isEmpty();
    }

    @Test
    void aRetriableFailureIsRetriedWithGrowingBackoffUntilItSucceedsAndNeverDeadLettered() {
        AtomicInteger calls = new AtomicInteger();
        List<String> applied = new ArrayList<>();
        // the broker is away for 12 attempts: far more than the bounded attempts of an unknown failure
        inbound.handle(record, v -> v, v -> {
            if (calls.incrementAndGet() <= 12) {
                throw new TimeoutException("broker unavailable");
            }
            applied.add(v);
        });
        assertThat(applied).hasSize(1);
        assertThat(deadLetters).isEmpty();
        assertThat(waits).hasSize(12).startsWith(200L, 400L, 800L).isSorted().allMatch(w -> w <= 30_000);
        assertThat(waits.get(11)).isEqualTo(30_000);
        assertThat(meters.counter("driftloop.retries", "topic", "ct.feedback.v1", "kind", "retriable").count())
                .isEqualTo(12);
    }

    @Test
    void anUnknownFailureIsTriedABoundedNumberOfTimesThenDeadLetteredWithTheCause() {
        AtomicInteger calls = new AtomicInteger();
        inbound.handle(record, v -> v, v -> {
            calls.incrementAndGet();
            throw new NullPointerException("a defect");
        });
        assertThat(calls).hasValue(Inbound.ATTEMPTS);
        assertThat(waits).hasSize(Inbound.ATTEMPTS - 1);
        assertThat(deadLetters).singleElement().asString().contains("failed after 3 attempts")
                .contains("a defect");
    }
}
