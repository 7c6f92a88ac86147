package io.driftloop.kit;

import static io.driftloop.kit.Failures.Kind.PERMANENT;
import static io.driftloop.kit.Failures.Kind.RETRIABLE;
import static io.driftloop.kit.Failures.Kind.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.artifacts.ArtifactIntegrityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void theRecordAtFaultIsPermanent() {
        assertThat(Failures.classify(new InvalidEventException("label 7"))).isEqualTo(PERMANENT);
        assertThat(Failures.classify(new ArtifactIntegrityException("hash differs"))).isEqualTo(PERMANENT);
        assertThat(Failures.classify(new RecordTooLargeException("2 MB"))).isEqualTo(PERMANENT);
        assertThat(Failures.classify(new InvalidTimestampException("year 1900"))).isEqualTo(PERMANENT);
        assertThat(Failures.classify(new SerializationException("bad bytes"))).isEqualTo(PERMANENT);
        assertThat(Failures.classify(new TopicAuthorizationException("no write"))).isEqualTo(PERMANENT);
        assertThat(Failures.classify(new AuthorizationException("no"))).isEqualTo(PERMANENT);
        assertThat(Failures.classify(new SaslAuthenticationException("bad password"))).isEqualTo(PERMANENT);
    }

    @Test
    void anOutageOrASlowStoreIsRetriable() {
        assertThat(Failures.classify(new TimeoutException("broker gone"))).isEqualTo(RETRIABLE);
        assertThat(Failures.classify(new DisconnectException("reset"))).isEqualTo(RETRIABLE);
        assertThat(Failures.classify(new NotEnoughReplicasException("1 of 2"))).isEqualTo(RETRIABLE);
        assertThat(Failures.classify(new NotLeaderOrFollowerException("moving"))).isEqualTo(RETRIABLE);
        assertThat(Failures.classify(new IOException("disk"))).isEqualTo(RETRIABLE);
        assertThat(Failures.classify(new UncheckedIOException(new IOException("disk")))).isEqualTo(RETRIABLE);
        assertThat(Failures.classify(new java.util.concurrent.TimeoutException())).isEqualTo(RETRIABLE);
    }

    @Test
    void causesAreFollowedAndAPermanentOneWins() {
        assertThat(Failures.classify(new CompletionException(new TimeoutException("x")))).isEqualTo(RETRIABLE);
        assertThat(Failures.classify(new ExecutionException(new RuntimeException(new NotEnoughReplicasException("x")))))
                .isEqualTo(RETRIABLE);
        assertThat(Failures.classify(new TimeoutException("x", new RecordTooLargeException("y")))).isEqualTo(PERMANENT);
        assertThat(Failures.classify(new IllegalStateException("wrapped", new InvalidEventException("bad"))))
                .isEqualTo(PERMANENT);
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(Failures.classify(new NullPointerException())).isEqualTo(UNKNOWN);
        assertThat(Failures.classify(new IllegalStateException("bug"))).isEqualTo(UNKNOWN);
        assertThat(Failures.classify(new OutOfMemoryError())).isEqualTo(UNKNOWN);
        assertThat(Failures.classify(null)).isEqualTo(UNKNOWN);
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(Failures.classify(a)).isEqualTo(UNKNOWN);
    }

    @Test
    void aFailureIsDescribedWithItsCauses() {
        assertThat(Failures.describe(new IllegalStateException("send failed", new RecordTooLargeException("2 MB"))))
                .isEqualTo("IllegalStateException: send failed ← RecordTooLargeException: 2 MB");
        assertThat(Failures.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
