package io.driftloop.dataprep.domain;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.DatasetSizing;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.SplitCounts;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns the labelled examples read from exact offset ranges into a dataset (rows in offset order,
 * each with its deterministic split) and the reference profile of its training split. Pure:
 * the same inputs always give equal outputs.
 */
public final class DatasetBuilder {

    /** An example with where it was read from. */
    public record Located(int partition, long offset, LabelledExample example) {
    }

    /** The dataset, its canonical bytes and content id, and the profile of its training rows. */
    public record Built(Dataset dataset, byte[] bytes, String datasetId, SplitCounts counts, ReferenceProfile profile) {
    }

    private DatasetBuilder() {
    }

    /**
     * The event announcing {@code built}, stored at {@code dataset} and {@code profile}. Its id is
     * derived from the request and the dataset id, so rebuilding for a replayed request yields the
     * same event.
     */
    public static DatasetReady ready(RetrainRequested request, Built built, ArtifactRef dataset, ArtifactRef profile,
                                     DatasetSizing sizing, Instant now) {
        String eventId = UUID.nameUUIDFromBytes((request.eventId() + built.datasetId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new DatasetReady(eventId, request.eventId(), request.model(), built.datasetId(), dataset, profile,
                built.dataset().specHash(), built.dataset().offsets(), built.counts(), request.trigger(),
                request.reason(), now, sizing);
    }

    public static Built build(ModelSpec spec, List<OffsetRange> ranges, List<Located> examples) {
        double val = spec.training().validationFraction();
        double test = spec.training().testFraction();
        List<DatasetRow> rows = examples.stream()
                .sorted(java.util.Comparator.comparingInt(Located::partition).thenComparingLong(Located::offset))
                .map(l -> new DatasetRow(l.example().requestId(), l.partition(), l.offset(),
                        Split.of(l.example().requestId(), val, test), l.example().features(),
                        l.example().attributes(), l.example().label()))
                .toList();
        Dataset dataset = new Dataset(spec.name(), ModelSpecs.hash(spec), List.copyOf(ranges), rows);
        int train = (int) rows.stream().filter(r -> r.split() == Split.TRAIN).count();
        int validation = (int) rows.stream().filter(r -> r.split() == Split.VALIDATION).count();
        SplitCounts counts = new SplitCounts(train, validation, rows.size() - train - validation);
        byte[] bytes = DatasetCodec.encode(dataset);
        String datasetId = Hashing.contentId(bytes);
        return new Built(dataset, bytes, datasetId, counts, profile(spec, dataset.split(Split.TRAIN), datasetId));
    }

    /**
     * Reference profile of the given rows: per numeric feature a sorted sample of at most
     * {@code drift.referenceSampleSize} values taken at even ranks (so it keeps the distribution's
     * shape), with count, mean and standard deviation; per categorical feature the count of each value;
     * and the count of each label.
     */
    public static ReferenceProfile profile(ModelSpec spec, List<DatasetRow> rows, String datasetId) {
        Map<String, NumericProfile> numeric = new TreeMap<>();
        Map<String, Map<String, Long>> categorical = new TreeMap<>();
        int cap = spec.drift().referenceSampleSize();
        for (FeatureSpec f : spec.features()) {
            if (f.numeric()) {
                double[] values = rows.stream().map(r -> r.features().get(f.name()))
                        .filter(Number.class::isInstance).mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
                numeric.put(f.name(), NumericProfile.of(values, cap));
            } else {
                Map<String, Long> counts = new TreeMap<>();
                for (DatasetRow r : rows) {
                    Object v = r.features().get(f.name());
                    counts.merge(v == null ? "" : v.toString(), 1L, Long::sum);
                }
                categorical.put(f.name(), counts);
            }
        }
        Map<String, Long> labels = new TreeMap<>();
        rows.forEach(r -> labels.merge(Integer.toString(r.label()), 1L, Long::sum));
        return new ReferenceProfile(spec.name(), datasetId, rows.size(), numeric, categorical, labels);
    }
}
