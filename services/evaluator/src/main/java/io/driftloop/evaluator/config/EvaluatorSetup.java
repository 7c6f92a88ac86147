package io.driftloop.evaluator.config;

import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.evaluator.domain.Evaluator;
import io.driftloop.evaluator.domain.StoreArtifactLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Wires the domain core: the shared artifact store, DL4J scoring, the configured group size and the UTC clock. */
@ApplicationScoped
public class EvaluatorSetup {

    @Produces
    @ApplicationScoped
    Evaluator evaluator(ArtifactStore store, EvaluatorConfig config) {
        return new Evaluator(new StoreArtifactLoader(store), config.minGroupSize(), Clock.systemUTC());
    }
}
