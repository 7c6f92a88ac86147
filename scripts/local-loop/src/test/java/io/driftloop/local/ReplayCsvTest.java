package io.driftloop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.spec.FeatureType;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCsvTest {

    @TempDir
    Path dir;

    /** 400 rows: year 2000..2003, a number, a category, a raw copy of the group, the group (1 for every fourth), a label. */
    Path csv() throws IOException {
        StringBuilder s = new StringBuilder("year,income,\"home, type\",colour,label,sensitive\n");
        for (int i = 0; i < 400; i++) {
            s.append(2000 + i % 4).append(',').append(i % 7 == 0 ? "" : String.valueOf(1000 + i)).append(',')
                    .append(i % 2 == 0 ? "\"own, outright\"" : "rent").append(',').append(i % 4 == 0 ? "Black" : "White")
                    .append(',').append(i % 3 == 0 ? 0 : 1).append(',').append(i % 4 == 0 ? 1 : 0).append('\n');
        }
        Path file = dir.resolve("people.csv");
        Files.writeString(file, s);
        return file;
    }

    ReplayCsv.Options options(Path file, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "--label", "label", "--attribute",
                "sensitive", "--exclude", "colour"));
        args.addAll(List.of(more));
        return ReplayCsv.parse(args);
    }

    @Test
    void theSpecHasEveryColumnButLabelAttributeAndExcludedAsAFeatureTypedByItsCells() throws IOException {
        ReplayCsv.Plan plan = ReplayCsv.plan(options(csv()), CsvTable.read(csv()));
        ModelSpec spec = ModelSpecs.parse(plan.spec());

        assertThat(spec.name()).isEqualTo("people");
        assertThat(spec.features()).extracting(f -> f.name()).containsExactly("year", "income", "home, type");
        assertThat(spec.features().get(1).type()).isEqualTo(FeatureType.NUMERIC);
        assertThat(spec.features().get(2).values()).containsExactly("own, outright", "rent");
        assertThat(spec.sensitiveAttributes()).extracting(a -> a.name()).containsExactly("sensitive");
    }

    @Test
    void rowsWithAnEmptyCellAreDroppedAndEveryOtherRowIsSentOnce() throws IOException {
        ReplayCsv.Plan plan = ReplayCsv.plan(options(csv()), CsvTable.read(csv()));

        int dropped = (int) java.util.stream.IntStream.range(0, 400).filter(i -> i % 7 == 0).count();
        assertThat(plan.dropped()).isEqualTo(dropped);
        assertThat(plan.before().size() + plan.after().size()).isEqualTo(400 - dropped);
        Set<String> incomes = new HashSet<>();
        plan.before().forEach(r -> incomes.add(r.get("income")));
        plan.after().forEach(r -> assertThat(incomes.add(r.get("income"))).isTrue());
    }

    @Test
    void theShiftByColumnOrdersTheWorldsBeforeAndAfter() throws IOException {
        ReplayCsv.Plan plan = ReplayCsv.plan(options(csv(), "--shift-by", "year", "--shift-at", "0.5"), CsvTable.read(csv()));

        assertThat(plan.before()).allMatch(r -> Integer.parseInt(r.get("year")) <= 2001);
        assertThat(plan.after()).allMatch(r -> Integer.parseInt(r.get("year")) >= 2001);
        assertThat(plan.before().size()).isCloseTo(plan.after().size(), org.assertj.core.data.Offset.offset(1));
    }

    @Test
    void theSmallestGroupIsSubsampledToTheAskedShare() throws IOException {
        ReplayCsv.Plan plan = ReplayCsv.plan(options(csv(), "--group-share", "0.08"), CsvTable.read(csv()));

        assertThat(plan.smallestGroup()).isEqualTo("1");
        assertThat(plan.smallestShare()).isBetween(0.03, 0.13);
    }

    @Test
    void aMissingColumnOrANonBinaryLabelIsACleanError() throws IOException {
        Path file = csv();
        assertThatThrownBy(() -> ReplayCsv.plan(ReplayCsv.parse(List.of(file.toString(), "--label", "nope",
                "--attribute", "sensitive")), CsvTable.read(file))).hasMessageContaining("no column 'nope'");
        assertThatThrownBy(() -> ReplayCsv.plan(ReplayCsv.parse(List.of(file.toString(), "--label", "year",
                "--attribute", "sensitive")), CsvTable.read(file))).hasMessageContaining("expected 0 or 1");
        assertThatThrownBy(() -> ReplayCsv.parse(List.of(file.toString(), "--label", "label")))
                .hasMessageContaining("--attribute");
    }

    @Test
    void quotedCellsKeepTheirCommasAndDoubledQuotes() {
        assertThat(CsvTable.split("a,\"b, c\",\"say \"\"hi\"\"\",")).isEqualTo(List.of("a", "b, c", "say \"hi\"", ""));
    }
}
