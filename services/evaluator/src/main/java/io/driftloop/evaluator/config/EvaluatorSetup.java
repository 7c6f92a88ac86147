package io.driftloop.evaluator.config;

import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.evaluator.domain.Evaluator;
import io.driftloop.evaluator.domain.StoreArtifactLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Wires the domain core: the shared artifact store (inputs and reports), DL4J scoring and the UTC clock. */
@ApplicationScoped
public class EvaluatorSetup {

    @Produces
    @ApplicationScoped
    Evaluator evaluator(ArtifactStore store) {
        return new Evaluator(new StoreArtifactLoader(store), store, Clock.systemUTC());
    }
}
