package io.driftloop.dataprep.domain;

import io.driftloop.contracts.events.DatasetSizing;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.contracts.spec.DataStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The decision of which examples a retrain request's dataset holds, written to data-prep's private
 * compacted topic {@code ct.dataset.cuts.v1} (key = request id) before the dataset is built: a request
 * handled again after a crash rebuilds exactly these ranges, so the same bytes and the same ids,
 * whatever examples arrived since.
 *
 * @param requestId the retrain request's event id
 * @param model     the model
 * @param ranges    the offset ranges of {@code ct.examples.v1}
 * @param strategy  the data strategy that chose them (its rule applies to the rows inside)
 * @param sizing    how they were sized
 * @param parentVersion the champion when the cut was decided (null: none)
 * @param parentSha256  its artifact's SHA-256
 * @param dataFrom      recency-weighted: where the examples drawn on start, the champion's promotion (null:
 *                      every example; other strategies: none)
 */
public record RecordedCut(String requestId, String model, List<OffsetRange> ranges, DataStrategy strategy,
                          DatasetSizing sizing, Integer parentVersion, String parentSha256, Instant dataFrom) {

    public RecordedCut {
        ranges = List.copyOf(ranges);
    }

    /** A cut without a start of its own (every strategy but recency-weighted). */
    public RecordedCut(String requestId, String model, List<OffsetRange> ranges, DataStrategy strategy,
                       DatasetSizing sizing, Integer parentVersion, String parentSha256) {
        this(requestId, model, ranges, strategy, sizing, parentVersion, parentSha256, null);
    }
}
