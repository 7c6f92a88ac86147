package io.driftloop.registry.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the registry knows of one model: its versions in order (index i holds version i + 1),
 * the current champion's version and the champion it replaced. Immutable.
 *
 * @param championVersion         null while no version has been promoted
 * @param previousChampionVersion the champion before the current one, null if there was none
 */
public record ModelHistory(String model, List<ModelVersion> versions, Integer championVersion,
                           Integer previousChampionVersion) {

    public ModelHistory {
        versions = List.copyOf(versions);
    }

    static ModelHistory empty(String model) {
        return new ModelHistory(model, List.of(), null, null);
    }

    public Optional<ModelVersion> version(int version) {
        return version >= 1 && version <= versions.size() ? Optional.of(versions.get(version - 1)) : Optional.empty();
    }

    public Optional<ModelVersion> byCandidate(String candidateId) {
        return versions.stream().filter(v -> v.candidateId().equals(candidateId)).findFirst();
    }

    public Optional<ModelVersion> champion() {
        return championVersion == null ? Optional.empty() : version(championVersion);
    }

    public int nextVersion() {
        return versions.size() + 1;
    }

    ModelHistory add(ModelVersion version) {
        List<ModelVersion> all = new ArrayList<>(versions);
        all.add(version);
        return new ModelHistory(model, all, championVersion, previousChampionVersion);
    }

    ModelHistory replace(ModelVersion version) {
        List<ModelVersion> all = new ArrayList<>(versions);
        all.set(version.version() - 1, version);
        return new ModelHistory(model, all, championVersion, previousChampionVersion);
    }

    ModelHistory withChampion(Integer champion, Integer previous) {
        return new ModelHistory(model, versions, champion, previous);
    }
}
