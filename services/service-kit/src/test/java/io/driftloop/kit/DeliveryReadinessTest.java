package io.driftloop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryReadinessTest {

    @Test
    void acksAllAndIdempotenceAreWhatAProducerNeeds() {
        assertThat(DeliveryReadiness.problems("c", Map.of("acks", "all", "enable.idempotence", "true"))).isEmpty();
        assertThat(DeliveryReadiness.problems("c", Map.of("acks", "-1", "enable.idempotence", true))).isEmpty();
    }

    @Test
    void everyWeakerSettingIsNamedWithItsChannel() {
        assertThat(DeliveryReadiness.problems("examples", Map.of("acks", "1", "enable.idempotence", "false")))
                .containsExactly("channel 'examples' runs acks=1, not all",
                        "channel 'examples' runs enable.idempotence=false, not true");
        assertThat(DeliveryReadiness.problems("x", Map.of())).hasSize(2);
        assertThat(DeliveryReadiness.problems("x", Map.of("acks", "0", "enable.idempotence", "true")))
                .containsExactly("channel 'x' runs acks=0, not all");
    }
}
