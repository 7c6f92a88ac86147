package io.driftloop.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.registry.domain.Redrives.DeadLetter;
import io.driftloop.registry.domain.Redrives.Decision;
import io.driftloop.registry.domain.Redrives.Position;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedrivesTest {

    static final String DLQ = "ct.inference.v1.dlq";

    static DeadLetter letter(int partition, long offset, String source, Integer sourcePartition, Long sourceOffset) {
        return new DeadLetter(new Position(partition, offset), source, sourcePartition, sourceOffset);
    }

    @Test
    void theTargetIsTheDeadLetterTopicsSource() {
        assertThat(Redrives.target("ct.inference.v1.dlq")).isEqualTo("ct.inference.v1");
        assertThat(Redrives.target("ct.model.trained.v1.dlq")).isEqualTo("ct.model.trained.v1");
    }

    @Test
    void onlyDeadLetterTopicsAreRedriven() {
        for (String topic : new String[] {"ct.inference.v1", ".dlq", "", null, "ct.inference.v1.dlq.x"}) {
            assertThatThrownBy(() -> Redrives.target(topic)).as(String.valueOf(topic))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a dead-letter topic");
        }
    }

    @Test
    void theRegistrysOwnTopicsAreNeverRedriven() {
        for (String own : Redrives.NEVER) {
            assertThatThrownBy(() -> Redrives.target(own + ".dlq")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("registry's own decisions");
            assertThatThrownBy(() -> Redrives.decide(own + ".dlq", List.of(new Position(0, 0)), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aDeadLetterOfTheTopicIsRedriven() {
        DeadLetter d = letter(0, 7, "ct.inference.v1", 3, 1200L);
        List<Decision> decisions = Redrives.decide(DLQ, List.of(new Position(0, 7)), Map.of(d.position(), d));
        assertThat(decisions).singleElement().satisfies(x -> {
            assertThat(x.redrive()).isTrue();
            assertThat(x.deadLetter()).isEqualTo(d);
        });
    }

    @Test
    void aMissingRecordIsSkipped() {
        assertThat(Redrives.decide(DLQ, List.of(new Position(0, 99)), Map.of())).singleElement()
                .satisfies(x -> assertThat(x.skipped()).contains("no record at ct.inference.v1.dlq 0/99"));
    }

    @Test
    void aForgedOrMissingSourceHeaderIsSkipped() {
        DeadLetter forged = letter(0, 1, "ct.model.promoted.v1", 0, 5L);
        DeadLetter none = letter(0, 2, null, null, null);
        DeadLetter noOffset = letter(0, 3, "ct.inference.v1", 0, null);
        List<Decision> decisions = Redrives.decide(DLQ, List.of(forged.position(), none.position(), noOffset.position()),
                Map.of(forged.position(), forged, none.position(), none, noOffset.position(), noOffset));
        assertThat(decisions).noneMatch(Decision::redrive);
        assertThat(decisions.get(0).skipped()).contains("'ct.model.promoted.v1', not ct.inference.v1");
        assertThat(decisions.get(1).skipped()).contains("header is missing");
        assertThat(decisions.get(2).skipped()).contains("dl_source_offset");
    }

    @Test
    void eachSourceRecordGoesBackOnceHoweverManyServicesDeadLetteredIt() {
        DeadLetter byDataPrep = letter(0, 10, "ct.inference.v1", 2, 500L);
        DeadLetter byDriftDetector = letter(0, 11, "ct.inference.v1", 2, 500L);
        DeadLetter other = letter(0, 12, "ct.inference.v1", 2, 501L);
        List<Decision> decisions = Redrives.decide(DLQ,
                List.of(byDataPrep.position(), byDriftDetector.position(), other.position(), byDataPrep.position()),
                Map.of(byDataPrep.position(), byDataPrep, byDriftDetector.position(), byDriftDetector,
                        other.position(), other));
        assertThat(decisions).extracting(Decision::position)
                .containsExactly(byDataPrep.position(), byDriftDetector.position(), other.position());
        assertThat(decisions).extracting(Decision::redrive).containsExactly(true, false, true);
        assertThat(decisions.get(1).skipped()).contains("same source record (ct.inference.v1/2/500) as 0/10");
    }
}
