package io.driftloop.kit;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness that tells whether the service's writes are as safe as Driftloop promises: every
 * producer channel waits for all in-sync replicas ({@code acks=all}) and is idempotent, as the kit's
 * defaults set them ({@code META-INF/microprofile-config.properties}). A channel configured otherwise
 * makes the service not ready, naming the channel and the setting, rather than quietly accepting writes
 * a broker failure could lose or duplicate.
 */
@Readiness
@ApplicationScoped
public class DeliveryReadiness implements HealthCheck {

    private final KafkaClientService clients;

    public DeliveryReadiness(KafkaClientService clients) {
        this.clients = clients;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> problems = problems();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("kafka-delivery").status(problems.isEmpty())
                .withData("producers", String.join(",", new TreeSet<>(clients.getProducerChannels())));
        if (!problems.isEmpty()) {
            r.withData("problems", String.join("; ", problems));
        }
        return r.build();
    }

    /** What is wrong with each producer channel's delivery settings; empty when nothing. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String channel : new TreeSet<>(clients.getProducerChannels())) {
            problems.addAll(problems(channel, clients.getProducer(channel).configuration()));
        }
        return problems;
    }

    /**
     * What is wrong with the delivery of a service that should write through {@code expected}
     * channels: each of them missing, and every problem of {@link #problems()}; empty when nothing.
     */
    public List<String> problems(String... expected) {
        List<String> problems = new ArrayList<>();
        for (String channel : expected) {
            if (!clients.getProducerChannels().contains(channel)) {
                problems.add("no producer channel '" + channel + "'");
            }
        }
        // readiness is DOWN exactly when these are not empty
        problems.addAll(problems());
        return problems;
    }

    /** What is wrong with one producer's configuration: acks other than all, idempotence off. */
    static List<String> problems(String channel, Map<String, ?> config) {
        List<String> problems = new ArrayList<>();
        Object acks = config.get("acks");
        if (acks == null || !("all".equals(acks.toString()) || "-1".equals(acks.toString()))) {
            problems.add("channel '" + channel + "' runs acks=" + acks + ", not all");
        }
        Object idempotence = config.get("enable.idempotence");
        if (idempotence == null || !Boolean.parseBoolean(idempotence.toString())) {
            problems.add("channel '" + channel + "' runs enable.idempotence=" + idempotence + ", not true");
        }
        return problems;
    }
}
