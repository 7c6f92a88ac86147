package io.driftloop.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.contracts.spec.SpecValidationException;

/**
 * A spec document sent to {@code PUT /api/models/{name}}: the path names the model, so a document
 * without a name takes the path's, and one naming another model is refused. Stateless.
 */
final class SpecDocuments {

    private static final YAMLMapper YAML = new YAMLMapper();

    private SpecDocuments() {
    }

    /** Parses and validates {@code document} (YAML or JSON) as the spec of {@code name}. */
    static ModelSpec parse(String name, String document) {
        return ModelSpecs.parse(named(name, document));
    }

    private static String named(String name, String document) {
        if (document == null || document.isBlank()) {
            return document;
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(document);
        } catch (JsonProcessingException e) {
            return document; // let the spec parser say what is wrong with it
        }
        if (!(tree instanceof ObjectNode object)) {
            return document;
        }
        JsonNode given = object.get("name");
        if (given == null || given.isNull()) {
            object.put("name", name);
            return Json.encode(object);
        }
        if (!given.isTextual() || !given.asText().equals(name)) {
            throw new SpecValidationException("name", "is '" + given.asText() + "' but the URL names '" + name
                    + "': PUT the spec to /api/models/" + given.asText() + " or leave the name out");
        }
        return document;
    }
}
