package io.driftloop.contracts.events;

/** Records {@code [fromOffset, toOffset)} of one partition of a topic. */
public record OffsetRange(String topic, int partition, long fromOffset, long toOffset) {

    public long count() {
        return toOffset - fromOffset;
    }
}
