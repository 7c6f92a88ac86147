package io.driftloop.registry.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the registry knows of one model: its versions in order (index i holds version i + 1),
 * the current champion, the line of champions a rollback walks back along, every champion change,
 * the user-defined aliases and the model's position on the lifecycle log (how many of its events
 * were applied). Immutable.
 *
 * @param championVersion         null while no version is champion
 * @param previousChampionVersion the champion the current one replaced, null if there was none
 * @param championLine            the champions in succession, newest last; a rollback truncates it to its target
 * @param aliases                 user-defined aliases to versions (not {@code champion} / {@code challenger})
 * @param position                number of this model's lifecycle events applied
 */
public record ModelHistory(String model, List<ModelVersion> versions, Integer championVersion,
                           Integer previousChampionVersion, List<Integer> championLine,
                           List<ChampionChange> championChanges, Map<String, Integer> aliases, long position) {

    public ModelHistory {
        versions = List.copyOf(versions);
        championLine = List.copyOf(championLine);
        championChanges = List.copyOf(championChanges);
        aliases = java.util.Collections.unmodifiableMap(new TreeMap<>(aliases));
    }

    static ModelHistory empty(String model) {
        return new ModelHistory(model, List.of(), null, null, List.of(), List.of(), Map.of(), 0);
    }

    public Optional<ModelVersion> version(int version) {
        return version >= 1 && version <= versions.size() ? Optional.of(versions.get(version - 1)) : Optional.empty();
    }

    /** Version {@code version}, or a refusal ({@link RegistryRefusal.Kind#UNKNOWN}) naming the versions there are. */
    public ModelVersion requireVersion(int version) {
        return version(version).orElseThrow(() -> RegistryRefusal.unknown("'" + model + "' has no version " + version
                + " (versions 1 to " + versions.size() + ")"));
    }

    public Optional<ModelVersion> byCandidate(String candidateId) {
        return versions.stream().filter(v -> v.candidateId().equals(candidateId)).findFirst();
    }

    public Optional<ModelVersion> champion() {
        return championVersion == null ? Optional.empty() : version(championVersion);
    }

    /** The change that made the current champion, if any. */
    public Optional<ChampionChange> currentChampionChange() {
        return championVersion == null || championChanges.isEmpty() ? Optional.empty()
                : Optional.of(championChanges.get(championChanges.size() - 1))
                        .filter(c -> c.version() == championVersion);
    }

    /**
     * The challenger: the newest version that passed its gates, is not the champion and is newer
     * than it (any passed version while there is no champion).
     */
    public Optional<ModelVersion> challenger() {
        return versions.stream()
                .filter(v -> v.evaluated() && v.evaluation().passed())
                .filter(v -> championVersion == null || v.version() > championVersion)
                .max(Comparator.comparingInt(ModelVersion::version));
    }

    /** Every alias: {@code champion}, {@code challenger} (when there is one) and the user-defined ones. */
    public Map<String, Integer> allAliases() {
        Map<String, Integer> all = new LinkedHashMap<>();
        if (championVersion != null) {
            all.put(Registry.CHAMPION_ALIAS, championVersion);
        }
        challenger().ifPresent(c -> all.put(Registry.CHALLENGER_ALIAS, c.version()));
        all.putAll(aliases);
        return all;
    }

    public int nextVersion() {
        return versions.size() + 1;
    }

    ModelHistory add(ModelVersion version) {
        List<ModelVersion> all = new ArrayList<>(versions);
        all.add(version);
        return new ModelHistory(model, all, championVersion, previousChampionVersion, championLine, championChanges,
                aliases, position);
    }

    ModelHistory replace(ModelVersion version) {
        List<ModelVersion> all = new ArrayList<>(versions);
        all.set(version.version() - 1, version);
        return new ModelHistory(model, all, championVersion, previousChampionVersion, championLine, championChanges,
                aliases, position);
    }

    ModelHistory withChampion(Integer champion, Integer previous, List<Integer> line, ChampionChange change) {
        List<ChampionChange> changes = new ArrayList<>(championChanges);
        if (change != null) {
            changes.add(change);
        }
        return new ModelHistory(model, versions, champion, previous, line, changes, aliases, position);
    }

    ModelHistory withAliases(Map<String, Integer> next) {
        return new ModelHistory(model, versions, championVersion, previousChampionVersion, championLine,
                championChanges, next, position);
    }

    ModelHistory advanced() {
        return new ModelHistory(model, versions, championVersion, previousChampionVersion, championLine,
                championChanges, aliases, position + 1);
    }
}
