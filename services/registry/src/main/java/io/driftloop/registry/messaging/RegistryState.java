package io.driftloop.registry.messaging;

import io.driftloop.kit.KafkaClients;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.kit.Catalogs;
import io.driftloop.registry.config.RegistryConfig;
import io.driftloop.registry.domain.Registry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The {@link RegistryNode} of this process, started with the application: it follows
 * ct.model.lifecycle.v1 and is rebuilt (every record on the log at start applied, the spec and
 * champion tables read, missing promotions published) on a thread of its own; input and REST reads
 * wait for that.
 */
@ApplicationScoped
public class RegistryState {

    private static final Logger LOG = Logger.getLogger(RegistryState.class);

    private final RegistryNode node;

    public RegistryState(KafkaClients kafka,
                         LifecyclePublisher publisher, Catalogs catalogs, RegistryConfig config, MeterRegistry meters) {
        String writer = config.instanceId().orElseGet(RegistryState::defaultInstanceId);
        this.node = new RegistryNode(kafka.consumer(), writer, Clock.systemUTC(), publisher,
                catalogs::champion, catalogs::awaitReady, config.readBackWait());
        // a promotion written over the current one (by a lagging instance) is put right
        catalogs.champions().onChange((model, promoted) -> node.promotionSeen(model));
        Registry registry = node.registry();
        meters.gauge("driftloop.registry.models", registry, r -> r.models().size());
        meters.gauge("driftloop.registry.versions", registry,
                r -> r.models().values().stream().mapToInt(h -> h.versions().size()).sum());
        meters.gauge("driftloop.registry.pending.evaluations", node, RegistryNode::waitingEvaluations);
        meters.more().counter("driftloop.registry.promotions", java.util.List.of(), node,
                RegistryNode::promotionsPublished);
        meters.more().counter("driftloop.registry.lost.races", java.util.List.of(), node, RegistryNode::lostRaces);
        LOG.infof("registry instance %s", writer);
    }

    void onStart(@Observes StartupEvent start) {
        Thread thread = new Thread(this::rebuild, "registry-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        node.close();
    }

    private void rebuild() {
        node.start();
        for (int attempt = 1; !node.awaitRebuilt(Duration.ofSeconds(60)); attempt++) {
            LOG.warnf("registry not rebuilt yet (attempt %d): ct.model.lifecycle.v1, specs or champions still being read",
                    attempt);
        }
    }

    public boolean isRebuilt() {
        return node.isRebuilt();
    }

    /** Read access; every method of {@link Registry} is synchronized and returns immutable values. */
    public Registry registry() {
        return node.registry();
    }

    public RegistryNode node() {
        return node;
    }

    /** See {@link RegistryNode#decide}. */
    public Optional<ModelLifecycleChanged> decide(String model,
                                                  Function<Registry, Optional<ModelLifecycleChanged>> decision) {
        awaitRebuilt();
        return node.decide(model, decision);
    }

    /** Blocks until the state is rebuilt from the lifecycle log; input waits for this. */
    public void awaitRebuilt() {
        while (!node.awaitRebuilt(Duration.ofSeconds(30))) {
            LOG.info("still waiting for the registry to be rebuilt before handling input");
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "registry";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
