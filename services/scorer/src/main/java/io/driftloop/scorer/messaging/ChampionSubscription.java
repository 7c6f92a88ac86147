package io.driftloop.scorer.messaging;

import io.driftloop.kit.KafkaClients;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.scorer.config.ScorerConfig;
import io.driftloop.subscriber.LoadedModel;
import io.driftloop.subscriber.ModelSubscriber;
import io.driftloop.subscriber.SubscriptionListener;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import io.driftloop.subscriber.dl4j.Dl4jModelLoader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * ct.model.promoted.v1 -> the serving models: the model-subscriber library, started with the
 * application and closed with it. Swaps and refusals are counted and the serving version of each
 * model is a gauge ({@code driftloop_scorer_model_version}); the library logs both. Created eagerly,
 * so the promotions are read while the rest of the application starts.
 */
@Startup
@ApplicationScoped
public class ChampionSubscription {

    private final Set<String> models;
    private final ModelSubscriber<Dl4jModel> subscriber;

    public ChampionSubscription(KafkaClients kafka,
                                ScorerConfig config, ArtifactStore store, MeterRegistry meters) {
        this.models = Set.copyOf(config.models().orElse(List.of()));
        this.subscriber = ModelSubscriber.builder(new Dl4jModelLoader())
                .consumerProperties(kafka.consumer())
                .artifactStore(store)
                .models(models)
                .clientId("scorer-models")
                .listener(new SubscriptionListener() {
                    @Override
                    public void swapped(LoadedModel<?> previous, LoadedModel<?> current) {
                        if (previous == null) {
                            Gauge.builder("driftloop.scorer.model.version",
                                            () -> subscriber().current(current.model()).map(LoadedModel::version).orElse(0))
                                    .tag("model", current.model()).description("version serving").register(meters);
                            // refusals counted from 0, so an alert on their increase has a series to watch
                            meters.counter("driftloop.scorer.refused", "model", current.model());
                        }
                        meters.counter("driftloop.scorer.swaps", "model", current.model()).increment();
                    }

                    @Override
                    public void failed(ModelPromoted promotion, Exception error) {
                        meters.counter("driftloop.scorer.refused", "model", promotion.model()).increment();
                    }
                })
                .start();
    }

    /** The model names configured to serve ({@code driftloop.scorer.models}); empty serves every model promoted. */
    public Set<String> models() {
        return models;
    }

    public ModelSubscriber<Dl4jModel> subscriber() {
        return subscriber;
    }

    @PreDestroy
    void stop() {
        subscriber.close();
    }
}
