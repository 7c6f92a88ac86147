package io.driftloop.contracts.dataset;

import io.driftloop.contracts.events.OffsetRange;
import java.util.List;

/**
 * A dataset snapshot: the rows of exact offset ranges of {@code ct.examples.v1} for one model, in
 * offset order, with their splits. Stored as canonical JSON ({@link DatasetCodec}), so the same
 * ranges and spec always give the same bytes and the same content id.
 */
public record Dataset(String model, String specHash, List<OffsetRange> offsets, List<DatasetRow> rows) {

    public static final String FORMAT = "driftloop-dataset";

    public List<DatasetRow> split(Split split) {
        return rows.stream().filter(r -> r.split() == split).toList();
    }
}
