package io.driftloop.driftdetector.messaging;

import static io.driftloop.driftdetector.messaging.InferenceDecoderTest.SPEC;
import static io.driftloop.driftdetector.messaging.InferenceDecoderTest.VALID;
import static io.driftloop.driftdetector.messaging.InferenceDecoderTest.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.driftdetector.domain.Observation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InferenceDeserializerTest {

    static final ModelSpec OTHER = ModelSpecs.parse("""
            name: churn
            task: binary-classification
            features:
              - {name: tenure, type: numeric}
              - {name: plan, type: categorical, values: [gold, silver]}
            """);

    final InferenceDeserializer deserializer = new InferenceDeserializer(
            m -> SPEC.name().equals(m) ? SPEC : OTHER.name().equals(m) ? OTHER : null);

    @Test
    void readsEveryPlainRecordOfTheCorpusAsTheContractDecoderDoesAndKeepsTheBytesOfTheOthers() {
        int plain = 0;
        int left = 0;
        for (String json : InferenceDecoderTest.corpus()) {
            byte[] bytes = bytes(json);
            InferenceValue value = deserializer.deserialize("ct.inference.v1", bytes);

            assertThat(value.bytes()).as(json).isSameAs(bytes);
            if (value.plain() == null) {
                left++;
                continue;
            }
            plain++;
            InferenceEvent expected;
            try {
                expected = Json.decode(json, InferenceEvent.class).validate();
            } catch (InvalidEventException e) {
                throw new AssertionError("read as plain, but the contract rejects it: " + json, e);
            }
            assertSame(value.plain(), expected, json);
        }
        assertThat(plain).isGreaterThan(200);
        assertThat(left).isGreaterThan(20);
    }

    @Test
    void aNullValueStaysNull() {
        assertThat(deserializer.deserialize("ct.inference.v1", null)).isNull();
    }

    @Test
    void recordsOfTwoModelsInTurnAreEachReadIntoTheirOwnLayout() {
        String churn = "{\"model\":\"churn\",\"requestId\":\"c-1\",\"timestamp\":\"2026-11-23T12:00:00Z\","
                + "\"features\":{\"tenure\":12,\"plan\":\"gold\"}}";
        for (int i = 0; i < 3; i++) {
            Observation a = deserializer.deserialize("t", bytes(VALID)).plain();
            Observation b = deserializer.deserialize("t", bytes(churn)).plain();

            assertThat(a.layout().spec()).isSameAs(SPEC);
            assertThat(b.layout().spec()).isSameAs(OTHER);
            assertThat(a.others()).isEmpty();
            assertThat(b.others()).isEmpty();
            assertSame(b, Json.decode(churn, InferenceEvent.class).validate(), churn);
        }
    }

    @Test
    void aRecordReadBeforeItsSpecIsKnownHoldsTheSameEventByName() {
        AtomicReference<ModelSpec> known = new AtomicReference<>();
        InferenceDeserializer early = new InferenceDeserializer(m -> known.get());

        Observation before = early.deserialize("t", bytes(VALID)).plain();
        known.set(SPEC);
        Observation after = early.deserialize("t", bytes(VALID)).plain();

        assertThat(before.layout()).isNull();
        assertThat(after.layout().spec()).isSameAs(SPEC);
        InferenceEvent expected = Json.decode(VALID, InferenceEvent.class).validate();
        assertSame(before, expected, VALID);
        assertSame(after, expected, VALID);
    }

    @Test
    void aFailingSpecLookupLeavesTheValueToTheWorkerInsteadOfFailingThePoll() {
        InferenceDeserializer failing = new InferenceDeserializer(m -> {
            throw new IllegalStateException("catalogs not started");
        });
        byte[] bytes = bytes(VALID);

        InferenceValue value = failing.deserialize("t", bytes);

        assertThat(value.plain()).isNull();
        assertThat(value.bytes()).isSameAs(bytes);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
