package io.driftloop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThroughputReportTest {

    static final RawConsumerRate.Result RAW = new RawConsumerRate.Result(640, 1_000_000, 5000, 3000, 2000,
            128, 200_000, 320, 500_000);
    static final ParsingConsumerRate.Result PARSING = new ParsingConsumerRate.Result(1_000_000, 4000, 250_000, 333_000);

    @Test
    void rawRateIsTheFetchRateWithoutTheGroupJoin() {
        assertThat(report(400_000, 1000).rawRate()).isEqualTo(500_000);
    }

    @Test
    void ratioAtEightTenthsOfTheRawRateMeetsTheTarget() {
        ThroughputReport r = report(400_000, 1000);

        assertThat(r.detectorRate()).isEqualTo(400_000);
        assertThat(r.ratio()).isCloseTo(0.8, within(1e-12));
        assertThat(r.meetsTarget()).isTrue();
        assertThat(r.render()).contains("MEETS TARGET").contains("0.800");
    }

    @Test
    void slowerDetectorIsBelowTarget() {
        ThroughputReport r = report(100_000, 1000);

        assertThat(r.ratio()).isCloseTo(0.2, within(1e-12));
        assertThat(r.meetsTarget()).isFalse();
        assertThat(r.render()).contains("BELOW TARGET").contains("100,000").contains("500,000");
    }

    @Test
    void tableNamesEventsWindowsBothRatesRatioTargetAndVerdict() {
        String table = report(250_000, 1000).render();

        assertThat(table).contains("events", "1,000,000", "windows", "2,000 evaluated of 2,000 expected",
                "raw consumer msgs/s", "drift-detector events/s", "ratio", "0.500", "target", "0.8", "verdict");
    }

    @Test
    void secondHalfAndTheJsonReadingConsumerAreReportedAgainstTheRawConsumer() {
        ThroughputReport r = report(100_000, 1000);

        assertThat(r.steadyRate()).isEqualTo(499_500);
        assertThat(r.parsingRate()).isEqualTo(250_000);
        assertThat(r.render()).contains("second half events/s", "499,500 (0.999 of the raw consumer)",
                "JSON-reading consumer", "250,000 msgs/s, second half 333,000 (0.500 of the raw consumer",
                "0.400 whole run, 1.500 second half");
    }

    private static ThroughputReport report(long detectorEvents, long detectorMs) {
        return new ThroughputReport(1_000_000, 640, 500, 2000, 1000, RAW, detectorEvents, detectorMs, 999_000, 2500,
                PARSING, 499_500, 1000);
    }
}
