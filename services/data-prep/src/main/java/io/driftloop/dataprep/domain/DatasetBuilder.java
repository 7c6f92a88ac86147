package io.driftloop.dataprep.domain;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetCodec;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.ArtifactRef;
import io.driftloop.contracts.events.DatasetCut;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.DatasetSizing;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.SplitCounts;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.DataStrategy;
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

    /**
     * The dataset, its canonical bytes and content id, the profile of its training rows, and how many
     * of its rows come from before the request's data start.
     */
    public record Built(Dataset dataset, byte[] bytes, String datasetId, SplitCounts counts, ReferenceProfile profile,
                        int preDriftRows) {
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
        return ready(request, built, dataset, profile, sizing, null, now);
    }

    /** The same, with the cut that chose the rows. */
    public static DatasetReady ready(RetrainRequested request, Built built, ArtifactRef dataset, ArtifactRef profile,
                                     DatasetSizing sizing, DatasetCut cut, Instant now) {
        String eventId = UUID.nameUUIDFromBytes((request.eventId() + built.datasetId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new DatasetReady(eventId, request.eventId(), request.model(), built.datasetId(), dataset, profile,
                built.dataset().specHash(), built.dataset().offsets(), built.counts(), request.trigger(),
                request.reason(), now, sizing, cut);
    }

    /**
     * The cut of {@code built} by {@code strategy}: its rows before and after {@code dataSince}, the
     * spec's parameters of the strategy, the champion it was cut under (null: none) and, recency-weighted,
     * where its examples start ({@code dataFrom}).
     */
    public static DatasetCut cut(ModelSpec spec, Built built, DataStrategy strategy, Instant dataSince,
                                 Integer parentVersion, String parentSha256, Instant dataFrom) {
        int pre = built.preDriftRows();
        var data = spec.training().data();
        boolean weighted = strategy == DataStrategy.RECENCY_WEIGHTED;
        return new DatasetCut(strategy.wireName(), dataSince,
                strategy == DataStrategy.SLIDING_WINDOW ? data.windowSize() : null,
                strategy == DataStrategy.MIXED ? data.preDriftShare() : null,
                built.dataset().rows().size() - pre, pre, parentVersion, parentSha256,
                weighted ? data.halfLife() : null, weighted ? dataFrom : null);
    }

    /** The same for a cut without a start of its own. */
    public static DatasetCut cut(ModelSpec spec, Built built, DataStrategy strategy, Instant dataSince,
                                 Integer parentVersion, String parentSha256) {
        return cut(spec, built, strategy, dataSince, parentVersion, parentSha256, null);
    }

    public static Built build(ModelSpec spec, List<OffsetRange> ranges, List<Located> examples) {
        return build(spec, ranges, examples, DataStrategy.POST_DRIFT, null);
    }

    /**
     * The dataset of the examples read from {@code ranges}. A {@link DataStrategy#MIXED} or
     * {@link DataStrategy#RECENCY_WEIGHTED} dataset leaves out the examples before {@code dataSince}
     * whose split is test, so its test split measures the world after the drift only, and profiles its
     * training rows after the drift (all of them when there are none), so the next windows are compared
     * with the world the model is meant for. A recency-weighted dataset weighs each row
     * {@code 2^(-age / halfLife)}, its age being the number of examples drawn that are newer (by
     * timestamp, then partition and offset).
     */
    public static Built build(ModelSpec spec, List<OffsetRange> ranges, List<Located> examples, DataStrategy strategy,
                              Instant dataSince) {
        double val = spec.training().validationFraction();
        double test = spec.training().testFraction();
        Map<String, Double> weights = strategy == DataStrategy.RECENCY_WEIGHTED
                ? recencyWeights(examples, spec.training().data().halfLife()) : Map.of();
        List<DatasetRow> rows = examples.stream()
                .sorted(BY_OFFSET)
                .map(l -> new DatasetRow(l.example().requestId(), l.partition(), l.offset(),
                        Split.of(l.example().requestId(), val, test), l.example().features(),
                        l.example().attributes(), l.example().label(), weights.get(l.example().requestId())))
                .toList();
        java.util.Set<String> before = new java.util.HashSet<>();
        if (dataSince != null) {
            examples.stream().filter(l -> l.example().timestamp().isBefore(dataSince))
                    .forEach(l -> before.add(l.example().requestId()));
        }
        List<DatasetRow> profiled = null;
        if (strategy.drawsBeforeDrift()) {
            rows = rows.stream().filter(r -> !(r.split() == Split.TEST && before.contains(r.requestId()))).toList();
            profiled = rows.stream().filter(r -> r.split() == Split.TRAIN && !before.contains(r.requestId())).toList();
        }
        int preDriftRows = (int) rows.stream().filter(r -> before.contains(r.requestId())).count();
        Dataset dataset = new Dataset(spec.name(), ModelSpecs.hash(spec), List.copyOf(ranges), rows);
        int train = (int) rows.stream().filter(r -> r.split() == Split.TRAIN).count();
        int validation = (int) rows.stream().filter(r -> r.split() == Split.VALIDATION).count();
        SplitCounts counts = new SplitCounts(train, validation, rows.size() - train - validation);
        byte[] bytes = DatasetCodec.encode(dataset);
        String datasetId = Hashing.contentId(bytes);
        if (profiled == null || profiled.isEmpty()) {
            profiled = dataset.split(Split.TRAIN);
        }
        return new Built(dataset, bytes, datasetId, counts, profile(spec, profiled, datasetId), preDriftRows);
    }

    private static final java.util.Comparator<Located> BY_OFFSET =
            java.util.Comparator.comparingInt(Located::partition).thenComparingLong(Located::offset);

    /** Each example's recency weight by request id: {@code 2^(-age / halfLife)}, age 0 the newest. */
    static Map<String, Double> recencyWeights(List<Located> examples, int halfLife) {
        List<Located> newestFirst = examples.stream()
                .sorted(java.util.Comparator.comparing((Located l) -> l.example().timestamp()).thenComparing(BY_OFFSET)
                        .reversed())
                .toList();
        Map<String, Double> weights = new java.util.HashMap<>();
        for (int age = 0; age < newestFirst.size(); age++) {
            weights.put(newestFirst.get(age).example().requestId(), Math.pow(2, -(double) age / halfLife));
        }
        return weights;
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
