package io.driftloop.subscriber;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.artifacts.ArtifactIntegrityException;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.events.ModelPromoted;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving model of every subscribed model name and the rule that changes it, with no Kafka in
 * it: the last promotion of a model in topic order wins (a later event with a lower version is a
 * rollback and is followed); its artifact is fetched, checked against the published SHA-256 and
 * loaded, and only then swapped in with one atomic reference write. A promotion that fails at any
 * step leaves the serving model as it was and is recorded in the status.
 *
 * <p>Thread-safety: {@link #apply} and {@link #applyAll} are called from one thread (the
 * follower); {@link #current} and {@link #status} may be called from any thread at any time.
 */
public final class Champions<M> {

    private static final Logger LOG = LoggerFactory.getLogger(Champions.class);

    private final Set<String> models;
    private final ArtifactStore store;
    private final ModelLoader<M> loader;
    private final SubscriptionListener listener;
    private final Clock clock;
    private final Map<String, AtomicReference<LoadedModel<M>>> serving = new ConcurrentHashMap<>();
    private final Map<String, SubscriptionStatus> statuses = new ConcurrentHashMap<>();

    /** @param models the model names to follow; empty follows every model on the topic */
    public Champions(Set<String> models, ArtifactStore store, ModelLoader<M> loader, SubscriptionListener listener,
                     Clock clock) {
        this.models = Set.copyOf(models);
        this.store = store;
        this.loader = loader;
        this.listener = listener;
        this.clock = clock;
        this.models.forEach(m -> statuses.put(m, SubscriptionStatus.initial(m)));
    }

    public boolean follows(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** The model names given at construction (empty: every model). */
    public Set<String> models() {
        return models;
    }

    /** The model serving for {@code model}, if one has loaded. */
    public Optional<LoadedModel<M>> current(String model) {
        AtomicReference<LoadedModel<M>> ref = serving.get(model);
        return ref == null ? Optional.empty() : Optional.ofNullable(ref.get());
    }

    public Optional<SubscriptionStatus> status(String model) {
        return Optional.ofNullable(statuses.get(model));
    }

    /** Status of every model followed or seen, by name. */
    public Map<String, SubscriptionStatus> statuses() {
        return Map.copyOf(statuses);
    }

    /**
     * Applies promotions in topic order, loading only the last one of each model: replaying a
     * compacted topic (older versions first) loads the champion once, not every version before it.
     */
    public void applyAll(List<ModelPromoted> inTopicOrder) {
        Map<String, ModelPromoted> last = new LinkedHashMap<>();
        for (ModelPromoted p : inTopicOrder) {
            last.remove(p.model());
            last.put(p.model(), p);
        }
        last.values().forEach(this::apply);
    }

    /**
     * Makes {@code promotion} the serving model of its name, unless it is the one already serving
     * (same version and SHA-256: a redelivery). Returns whether a swap happened.
     */
    public boolean apply(ModelPromoted promotion) {
        String model = promotion.model();
        if (!follows(model)) {
            return false;
        }
        statuses.compute(model, (k, s) -> (s == null ? SubscriptionStatus.initial(k) : s).promoted(promotion.version()));
        AtomicReference<LoadedModel<M>> slot = serving.computeIfAbsent(model, k -> new AtomicReference<>());
        LoadedModel<M> before = slot.get();
        if (before != null && before.version() == promotion.version()
                && before.sha256().equals(promotion.artifact().sha256())) {
            return false;
        }
        long started = System.nanoTime();
        LoadedModel<M> loaded;
        try {
            M value = load(promotion);
            loaded = new LoadedModel<>(model, promotion.version(), promotion.artifact().sha256(), promotion.candidateId(),
                    promotion.promotedAt(), clock.instant(), (System.nanoTime() - started) / 1_000_000, value);
        } catch (ModelRefusedException e) {
            Instant at = clock.instant();
            statuses.computeIfPresent(model, (k, s) -> s.failed(e.getMessage(), at));
            LOG.warn("{} v{} refused, {} keeps serving: {}", model, promotion.version(),
                    before == null ? "no model" : "v" + before.version(), e.getMessage());
            callSafely(() -> listener.failed(promotion, e));
            return false;
        }
        // the one write that switches every later current() to the new model
        slot.set(loaded);
        statuses.computeIfPresent(model, (k, s) -> s.swapped(loaded.version()));
        LOG.info("{} v{} serving (was {}), loaded in {} ms", model, loaded.version(),
                before == null ? "none" : "v" + before.version(), loaded.loadMillis());
        callSafely(() -> listener.swapped(before, loaded));
        return true;
    }

    private M load(ModelPromoted promotion) {
        String what = promotion.model() + " v" + promotion.version() + " (" + promotion.artifact().uri() + ")";
        byte[] bytes;
        try {
            bytes = store.get(promotion.artifact());
        } catch (RuntimeException e) {
            // integrity, I/O, and whatever a store throws on an address it cannot read (a malformed URI,
            // an unknown scheme): the promotion is refused, the serving model stays
            throw new ModelRefusedException("artifact of " + what + " unusable: "
                    + (e instanceof ArtifactIntegrityException ? "" : e.getClass().getSimpleName() + ": ")
                    + e.getMessage(), e);
        }
        // checked here too: the store might be one that does not verify on read
        String actual = Hashing.sha256Hex(bytes);
        if (!actual.equalsIgnoreCase(promotion.artifact().sha256())) {
            throw new ModelRefusedException("artifact of " + what + " has SHA-256 " + actual + " but was published as "
                    + promotion.artifact().sha256() + ": refusing to use it", null);
        }
        try {
            M value = loader.load(promotion, bytes);
            if (value == null) {
                throw new ModelRefusedException("the loader returned no model for " + what, null);
            }
            return value;
        } catch (ModelRefusedException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new ModelRefusedException(what + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Runs a listener callback; what it throws is logged and ignored, so a listener cannot stop the follower. */
    static void callSafely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("a subscription listener threw; ignored", e);
        }
    }
}
