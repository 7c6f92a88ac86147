package io.driftloop.contracts;

/**
 * Kafka header names of the contract. Events the system emits carry CloudEvents binary-mode
 * headers; dead-letter records carry the reason and the source position.
 */
public final class EventHeaders {

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SUBJECT = "ce_subject";
    /** Extension attribute: the id of the event that caused this one. */
    public static final String CE_CAUSATION_ID = "ce_causationid";

    public static final String DL_REASON = "dl_reason";
    public static final String DL_SOURCE_TOPIC = "dl_source_topic";
    public static final String DL_SOURCE_PARTITION = "dl_source_partition";
    public static final String DL_SOURCE_OFFSET = "dl_source_offset";
    /** Which service sent the record to the dead-letter topic. */
    public static final String DL_SERVICE = "dl_service";
    /** On a record an operator re-drove: the dead letter it came from, {@code <topic>.dlq/<partition>/<offset>}. */
    public static final String DL_REDRIVEN_FROM = "dl_redriven_from";

    private EventHeaders() {
    }

    /** CloudEvents type of the events on {@code topic}, e.g. {@code io.driftloop.model.promoted.v1}. */
    public static String ceType(String topic) {
        return "io.driftloop." + topic.substring("ct.".length());
    }
}
