package io.driftloop.scorer.api;

import io.driftloop.scorer.config.ScorerConfig;
import io.driftloop.scorer.messaging.ChampionSubscription;
import io.driftloop.subscriber.ModelSubscriber;
import io.driftloop.subscriber.SubscriptionStatus;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health of the model subscription: ready once the promotions topic has been read (and, with
 * {@code driftloop.scorer.ready-requires-model}, every configured model serves); live while it
 * follows the topic. The data names each model's serving version and latest refusal.
 */
public final class SubscriberHealth {

    private SubscriberHealth() {
    }

    static HealthCheckResponseBuilder describe(ModelSubscriber<Dl4jModel> models, String name) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name).withData("caughtUp", models.caughtUp());
        for (SubscriptionStatus s : models.statuses().values()) {
            b.withData(s.model(), s.version() == null ? "no model" : "v" + s.version());
            if (s.lastError() != null) {
                b.withData(s.model() + ".lastError", s.lastError());
            }
        }
        return b;
    }

    /** Readiness: the promotions have been read. */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {

        private final ModelSubscriber<Dl4jModel> models;
        private final boolean requireModel;

        public Ready(ChampionSubscription subscription, ScorerConfig config) {
            this.models = subscription.subscriber();
            this.requireModel = config.readyRequiresModel();
        }

        @Override
        public HealthCheckResponse call() {
            boolean up = requireModel ? models.ready() : models.caughtUp();
            return describe(models, "model-subscription").status(up).build();
        }
    }

    /** Liveness: the follower thread still reads the topic. */
    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {

        private final ModelSubscriber<Dl4jModel> models;

        public Live(ChampionSubscription subscription) {
            this.models = subscription.subscriber();
        }

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("model-subscription-follower");
            String trouble = models.trouble();
            return (trouble == null ? b.up() : b.down().withData("trouble", trouble)).build();
        }
    }
}
