package io.driftloop.driftdetector.messaging;

import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.driftdetector.config.DriftDetectorConfig;
import io.driftloop.driftdetector.domain.DriftMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A champion's reference profile, read from the artifact store (which verifies its SHA-256) and
 * kept in a small cache by SHA-256. A profile that is missing or unreadable is logged and reported
 * as absent, so its window is discarded rather than the inference event dead-lettered.
 */
@ApplicationScoped
public class ReferenceProfiles implements DriftMonitor.References {

    private static final Logger LOG = Logger.getLogger(ReferenceProfiles.class);

    private final ArtifactStore store;
    private final Map<String, ReferenceProfile> cache;

    public ReferenceProfiles(ArtifactStore store, DriftDetectorConfig config) {
        this.store = store;
        int capacity = config.profileCacheSize();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ReferenceProfile> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Optional<ReferenceProfile> profileOf(ModelPromoted champion) {
        ArtifactRef ref = champion.profile();
        if (ref == null || ref.uri() == null || ref.sha256() == null) {
            LOG.warnf("champion v%d of %s has no reference profile: its windows are not evaluated",
                    champion.version(), champion.model());
            return Optional.empty();
        }
        ReferenceProfile cached = cache.get(ref.sha256());
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            ReferenceProfile profile = DatasetCodec.decodeProfile(store.get(ref));
            cache.put(ref.sha256(), profile);
            return Optional.of(profile);
        } catch (RuntimeException e) {
            LOG.errorf("cannot use the reference profile %s of %s v%d, window not evaluated: %s", ref.uri(),
                    champion.model(), champion.version(), e.getMessage());
            return Optional.empty();
        }
    }
}
