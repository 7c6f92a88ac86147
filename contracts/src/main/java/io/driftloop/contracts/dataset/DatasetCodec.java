package io.driftloop.contracts.dataset;

import io.driftloop.contracts.Json;

/** Canonical JSON bytes of datasets and reference profiles. */
public final class DatasetCodec {

    private DatasetCodec() {
    }

    public static byte[] encode(Dataset dataset) {
        return Json.encodeBytes(dataset);
    }

    public static Dataset decodeDataset(byte[] bytes) {
        return Json.decode(bytes, Dataset.class);
    }

    public static byte[] encode(ReferenceProfile profile) {
        return Json.encodeBytes(profile);
    }

    public static ReferenceProfile decodeProfile(byte[] bytes) {
        return Json.decode(bytes, ReferenceProfile.class);
    }
}
