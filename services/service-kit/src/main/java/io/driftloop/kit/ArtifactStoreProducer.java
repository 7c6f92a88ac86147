package io.driftloop.kit;

import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The artifact store every service shares: a local directory ({@code driftloop.artifacts.dir}) from
 * which artifacts of at most {@code driftloop.artifacts.max-bytes} (default 512 MiB) are read.
 */
@ApplicationScoped
public class ArtifactStoreProducer {

    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore(@ConfigProperty(name = "driftloop.artifacts.dir",
            defaultValue = "${user.home}/.driftloop/artifacts") String dir,
            @ConfigProperty(name = "driftloop.artifacts.max-bytes", defaultValue = "536870912") long maxBytes) {
        return new LocalArtifactStore(Path.of(dir), maxBytes);
    }
}
