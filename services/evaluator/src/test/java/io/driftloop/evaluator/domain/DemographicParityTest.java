package io.driftloop.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemographicParityTest {

    /** Rows of {@code group}: {@code rows} of them, the first {@code positives} predicted positive. */
    private static void add(List<String> groups, List<Boolean> positive, String group, int rows, int positives) {
        for (int i = 0; i < rows; i++) {
            groups.add(group);
            positive.add(i < positives);
        }
    }

    private static boolean[] array(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void differenceIsTheGapBetweenTheHighestAndLowestPositiveRate() {
        List<String> groups = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        add(groups, positive, "f", 30, 15); // 0.5
        add(groups, positive, "m", 30, 6);  // 0.2
        ParityReport report = DemographicParity.of("gender", groups, array(positive), 20);
        assertThat(report.difference()).isCloseTo(0.3, within(1e-12));
        assertThat(report.groups()).extracting(GroupRate::group).containsExactly("f", "m");
        assertThat(report.groups().get(0).rate()).isEqualTo(0.5);
        assertThat(report.describe()).contains("m 0.200 of 30", "f 0.500 of 30", "gap of 0.300");
    }

    @Test
    void middleGroupsDoNotChangeTheDifference() {
        List<String> groups = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        add(groups, positive, "a", 20, 2);  // 0.1
        add(groups, positive, "b", 20, 10); // 0.5
        add(groups, positive, "c", 20, 18); // 0.9
        assertThat(DemographicParity.of("region", groups, array(positive), 20).difference()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void groupsBelowTheMinimumSizeAreReportedButNotGated() {
        List<String> groups = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        add(groups, positive, "f", 30, 15);
        add(groups, positive, "m", 30, 6);
        add(groups, positive, "x", 5, 5); // rate 1.0 would make the gap 0.8
        ParityReport report = DemographicParity.of("gender", groups, array(positive), 20);
        assertThat(report.difference()).isCloseTo(0.3, within(1e-12));
        assertThat(report.ungatedGroups()).singleElement().satisfies(g -> {
            assertThat(g.group()).isEqualTo("x");
            assertThat(g.rows()).isEqualTo(5);
            assertThat(g.rate()).isEqualTo(1.0);
        });
        assertThat(report.describe()).contains("not gated (fewer than 20 rows): x 1.000 of 5");
    }

    @Test
    void aGroupOfExactlyTheMinimumSizeIsGated() {
        List<String> groups = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        add(groups, positive, "f", 20, 20);
        add(groups, positive, "m", 20, 0);
        ParityReport report = DemographicParity.of("gender", groups, array(positive), 20);
        assertThat(report.gatedGroups()).hasSize(2);
        assertThat(report.difference()).isEqualTo(1.0);
    }

    @Test
    void fewerThanTwoGatedGroupsLeaveNothingToCompare() {
        List<String> groups = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        add(groups, positive, "f", 50, 50);
        add(groups, positive, "m", 3, 0);
        ParityReport report = DemographicParity.of("gender", groups, array(positive), 20);
        assertThat(report.difference()).isZero();
        assertThat(report.describe()).contains("fewer than two groups with at least 20 rows, nothing to compare");
    }

    @Test
    void rowsWithoutTheAttributeFormAGroupOfTheirOwn() {
        List<String> groups = new ArrayList<>(Arrays.asList(new String[25]));
        List<Boolean> positive = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            positive.add(true);
        }
        add(groups, positive, "f", 25, 0);
        ParityReport report = DemographicParity.of("gender", groups, array(positive), 20);
        assertThat(report.groups()).extracting(GroupRate::group).containsExactly(DemographicParity.MISSING, "f");
        assertThat(report.difference()).isEqualTo(1.0);
    }

    @Test
    void equalRatesGiveNoDifference() {
        List<String> groups = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        add(groups, positive, "f", 40, 10);
        add(groups, positive, "m", 80, 20);
        assertThat(DemographicParity.of("gender", groups, array(positive), 20).difference()).isZero();
    }

    @Test
    void groupValuesAndPredictionsMustLineUp() {
        assertThatThrownBy(() -> DemographicParity.of("gender", List.of("f"), new boolean[2], 20))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
