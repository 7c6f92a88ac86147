package io.driftloop.dataprep.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.Hashing;
import io.driftloop.contracts.dataset.NumericProfile;
import io.driftloop.contracts.dataset.ReferenceProfile;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.dataprep.domain.DatasetBuilder.Located;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetBuilderTest {

    static final ModelSpec SPEC = ModelSpecs.parse("""
            name: m
            task: binary-classification
            features:
              - {name: x, type: numeric}
              - {name: c, type: categorical, values: [a, b]}
            drift: {referenceSampleSize: 100}
            """);
    static final List<OffsetRange> RANGES = List.of(new OffsetRange("ct.examples.v1", 0, 0, 1000));

    @Test
    void sameExamplesInAnyOrderGiveTheSameBytesAndId() {
        List<Located> examples = examples(1000);
        List<Located> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new java.util.Random(1));

        DatasetBuilder.Built a = DatasetBuilder.build(SPEC, RANGES, examples);
        DatasetBuilder.Built b = DatasetBuilder.build(SPEC, RANGES, shuffled);

        assertThat(a.bytes()).isEqualTo(b.bytes());
        assertThat(a.datasetId()).isEqualTo(b.datasetId()).isEqualTo(Hashing.contentId(a.bytes()));
        assertThat(a.dataset().rows()).extracting(r -> r.offset()).isSorted();
    }

    @Test
    void countsMatchTheDeterministicSplits() {
        DatasetBuilder.Built built = DatasetBuilder.build(SPEC, RANGES, examples(1000));
        assertThat(built.counts().total()).isEqualTo(1000);
        assertThat(built.counts().test()).isEqualTo(built.dataset().split(Split.TEST).size()).isBetween(110, 190);
        assertThat(built.counts().validation()).isBetween(110, 190);
        built.dataset().rows().forEach(r -> assertThat(r.split()).isEqualTo(Split.of(r.requestId(), 0.15, 0.15)));
    }

    @Test
    void profileDescribesTheTrainingRowsOnly() {
        DatasetBuilder.Built built = DatasetBuilder.build(SPEC, RANGES, examples(1000));
        ReferenceProfile profile = built.profile();

        assertThat(profile.datasetId()).isEqualTo(built.datasetId());
        assertThat(profile.rows()).isEqualTo(built.counts().train());
        NumericProfile x = profile.numeric().get("x");
        assertThat(x.count()).isEqualTo(built.counts().train());
        assertThat(x.sample()).hasSize(100).isSorted();
        assertThat(x.mean()).isBetween(400.0, 600.0);
        assertThat(profile.categorical().get("c").values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(built.counts().train());
        long ones = built.dataset().split(Split.TRAIN).stream().filter(r -> r.label() == 1).count();
        assertThat(profile.labels()).containsOnlyKeys("0", "1").containsEntry("1", ones)
                .containsEntry("0", built.counts().train() - ones);
    }

    @Test
    void readyEventCarriesTheDatasetsLineageAndADeterministicId() {
        DatasetBuilder.Built built = DatasetBuilder.build(SPEC, RANGES, examples(100));
        var request = new io.driftloop.contracts.events.RetrainRequested("req-1", "stats-1", "m",
                io.driftloop.contracts.events.RetrainTrigger.DRIFT, "drift: 2 of 2", Instant.EPOCH, 50, Instant.EPOCH);
        var ref = new io.driftloop.contracts.events.ArtifactRef("file:///d", "00", "x");

        var sizing = new io.driftloop.contracts.events.DatasetSizing(100, 100, true, List.of("examples: 50 (had 100)"),
                List.of(), 12);
        var ready = DatasetBuilder.ready(request, built, ref, ref, sizing, Instant.EPOCH);

        assertThat(ready.eventId()).isEqualTo(DatasetBuilder.ready(request, built, ref, ref, sizing, Instant.now())
                .eventId());
        assertThat(ready.sizing()).isEqualTo(sizing);
        assertThat(ready.causationId()).isEqualTo("req-1");
        assertThat(ready.datasetId()).isEqualTo(built.datasetId());
        assertThat(ready.specHash()).isEqualTo(ModelSpecs.hash(SPEC));
        assertThat(ready.offsets()).isEqualTo(RANGES);
        assertThat(ready.counts()).isEqualTo(built.counts());
        assertThat(ready.reason()).isEqualTo("drift: 2 of 2");
    }

    @Test
    void aRowKeepsItsSplitInEveryDatasetSoNoModelIsTestedOnRowsItsParentTrainedOn() {
        // a parent's dataset and a later, overlapping, larger one (as after a drift or a retry)
        DatasetBuilder.Built parent = DatasetBuilder.build(SPEC, RANGES, examples(600).subList(0, 400));
        DatasetBuilder.Built child = DatasetBuilder.build(SPEC, RANGES, examples(1200).subList(200, 1200));
        Map<String, io.driftloop.contracts.dataset.Split> parentSplits = new java.util.HashMap<>();
        parent.dataset().rows().forEach(r -> parentSplits.put(r.requestId(), r.split()));

        List<io.driftloop.contracts.dataset.DatasetRow> shared = child.dataset().rows().stream()
                .filter(r -> parentSplits.containsKey(r.requestId())).toList();
        assertThat(shared).hasSize(200);
        assertThat(shared).anyMatch(r -> r.split() == io.driftloop.contracts.dataset.Split.TEST);
        assertThat(shared).allMatch(r -> r.split() == parentSplits.get(r.requestId()));
    }

    @Test
    void aMixedDatasetKeepsThePreDriftRowsOutOfItsTestSplitAndTheCutCountsBothSides() {
        // examples 0..599 at t = 0..599 s; the drift point at 300 s
        Instant since = Instant.EPOCH.plusSeconds(300);
        DatasetBuilder.Built mixed = DatasetBuilder.build(SPEC, RANGES, examples(600),
                io.driftloop.contracts.spec.DataStrategy.MIXED, since);
        DatasetBuilder.Built post = DatasetBuilder.build(SPEC, RANGES, examples(600),
                io.driftloop.contracts.spec.DataStrategy.POST_DRIFT, since);

        List<io.driftloop.contracts.dataset.DatasetRow> preRows = mixed.dataset().rows().stream()
                .filter(r -> Integer.parseInt(r.requestId().substring(2)) < 300).toList();
        assertThat(preRows).isNotEmpty().noneMatch(r -> r.split() == io.driftloop.contracts.dataset.Split.TEST);
        assertThat(mixed.dataset().split(io.driftloop.contracts.dataset.Split.TEST))
                .allMatch(r -> Integer.parseInt(r.requestId().substring(2)) >= 300).isNotEmpty();
        // the post-drift strategy keeps what it is given (ExampleIndex already selected the post-drift rows)
        assertThat(post.dataset().rows()).hasSize(600);
        assertThat(mixed.preDriftRows()).isEqualTo(preRows.size());

        var cut = DatasetBuilder.cut(SPEC, mixed, io.driftloop.contracts.spec.DataStrategy.MIXED, since, 3, "ab".repeat(32));
        assertThat(cut.strategy()).isEqualTo("mixed");
        assertThat(cut.preDriftRows()).isEqualTo(preRows.size());
        assertThat(cut.postDriftRows()).isEqualTo(mixed.dataset().rows().size() - preRows.size());
        assertThat(cut.preDriftShare()).isEqualTo(0.5);
        assertThat(cut.windowSize()).isNull();
        assertThat(cut.parentVersion()).isEqualTo(3);
        assertThat(cut.dataSince()).isEqualTo(since);
    }

    @Test
    void aRecencyWeightedDatasetWeighsRowsByAgeKeepsPreDriftRowsOutOfTestAndProfilesTheNewWorld() {
        // examples 0..599 at t = 0..599 s, x = i; the drift point at 300 s; a half-life of 100 examples
        ModelSpec spec = ModelSpecs.parse("""
                name: m
                task: binary-classification
                features:
                  - {name: x, type: numeric}
                  - {name: c, type: categorical, values: [a, b]}
                drift: {referenceSampleSize: 100}
                training: {data: {strategy: recency-weighted, halfLife: 100}}
                """);
        Instant since = Instant.EPOCH.plusSeconds(300);
        var strategy = io.driftloop.contracts.spec.DataStrategy.RECENCY_WEIGHTED;
        List<Located> shuffled = new ArrayList<>(examples(600));
        Collections.shuffle(shuffled, new java.util.Random(3));

        DatasetBuilder.Built built = DatasetBuilder.build(spec, RANGES, examples(600), strategy, since);
        DatasetBuilder.Built again = DatasetBuilder.build(spec, RANGES, shuffled, strategy, since);

        assertThat(again.bytes()).isEqualTo(built.bytes());
        for (var r : built.dataset().rows()) {
            int i = Integer.parseInt(r.requestId().substring(2));
            assertThat(r.weight()).as(r.requestId()).isCloseTo(Math.pow(2, -(599 - i) / 100.0),
                    org.assertj.core.api.Assertions.within(1e-12));
            assertThat(i >= 300 || r.split() != io.driftloop.contracts.dataset.Split.TEST).as(r.requestId()).isTrue();
        }
        assertThat(built.dataset().rows()).anyMatch(r -> r.requestId().equals("r-599") && r.weight() == 1.0);
        assertThat(built.preDriftRows()).isPositive();
        // the reference the next windows are compared with: the training rows after the drift point only
        NumericProfile x = built.profile().numeric().get("x");
        assertThat(x.count()).isEqualTo(built.dataset().rows().stream()
                .filter(r -> r.split() == io.driftloop.contracts.dataset.Split.TRAIN && Integer.parseInt(r.requestId().substring(2)) >= 300).count());
        assertThat(java.util.Arrays.stream(x.sample()).min().orElseThrow()).isGreaterThanOrEqualTo(300);

        Instant from = Instant.EPOCH.plusSeconds(100);
        var cut = DatasetBuilder.cut(spec, built, strategy, since, 2, "cd".repeat(32), from);
        assertThat(cut.strategy()).isEqualTo("recency-weighted");
        assertThat(cut.halfLife()).isEqualTo(100);
        assertThat(cut.dataFrom()).isEqualTo(from);
        assertThat(cut.preDriftRows()).isEqualTo(built.preDriftRows());
        // other strategies carry neither
        var post = DatasetBuilder.cut(spec, built, io.driftloop.contracts.spec.DataStrategy.POST_DRIFT, since, 2,
                "cd".repeat(32), from);
        assertThat(post.halfLife()).isNull();
        assertThat(post.dataFrom()).isNull();
        assertThat(DatasetBuilder.build(spec, RANGES, examples(600)).dataset().rows())
                .allMatch(r -> r.weight() == null);
    }

    @Test
    void smallSamplesAreKeptWhole() {
        NumericProfile p = NumericProfile.of(new double[] {1, 2, 3, 4}, 100);
        assertThat(p.sample()).containsExactly(1, 2, 3, 4);
        assertThat(p.mean()).isEqualTo(2.5);
        assertThat(p.std()).isCloseTo(Math.sqrt(5.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void sampleOfALargeColumnFollowsItsQuantiles() {
        double[] sorted = new double[10_000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i;
        }
        NumericProfile p = NumericProfile.of(sorted, 10);
        assertThat(p.sample()).containsExactly(500, 1500, 2500, 3500, 4500, 5500, 6500, 7500, 8500, 9500);
        assertThat(p.count()).isEqualTo(10_000);
    }

    static List<Located> examples(int n) {
        List<Located> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Located(0, i, new LabelledExample("m", "r-" + i, Instant.EPOCH.plusSeconds(i),
                    Map.of("x", (double) i, "c", i % 3 == 0 ? "a" : "b"), Map.of("g", i % 2 == 0 ? "f" : "m"), i % 2)));
        }
        return out;
    }
}
