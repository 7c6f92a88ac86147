package io.driftloop.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftloop.contracts.spec.Promotion;
import io.driftloop.contracts.spec.SpecValidationException;
import org.junit.jupiter.api.Test;

class SpecDocumentsTest {

    static final String BODY = """
            task: binary-classification
            features:
              - {name: x, type: numeric}
            promotion: manual
            """;

    @Test
    void aDocumentWithoutANameTakesThePathsName() {
        assertThat(SpecDocuments.parse("credit-risk", BODY).name()).isEqualTo("credit-risk");
        assertThat(SpecDocuments.parse("credit-risk", BODY).promotion()).isEqualTo(Promotion.MANUAL);
    }

    @Test
    void aJsonDocumentWithoutANameTakesThePathsName() {
        assertThat(SpecDocuments.parse("m", "{\"task\": \"binary-classification\", \"features\": "
                + "[{\"name\": \"x\", \"type\": \"numeric\"}]}").name()).isEqualTo("m");
    }

    @Test
    void aDocumentNamingThePathsModelIsAccepted() {
        assertThat(SpecDocuments.parse("credit-risk", "name: credit-risk\n" + BODY).name()).isEqualTo("credit-risk");
    }

    @Test
    void aDocumentNamingAnotherModelIsRefusedOnItsNameField() {
        assertThatThrownBy(() -> SpecDocuments.parse("credit-risk", "name: fraud\n" + BODY))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.getMessage()).contains("fraud").contains("credit-risk");
                });
    }

    @Test
    void anInvalidPathNameIsRefusedOnItsNameField() {
        assertThatThrownBy(() -> SpecDocuments.parse("Credit Risk", BODY))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void aDocumentThatIsNotYamlIsReportedByTheSpecParser() {
        assertThatThrownBy(() -> SpecDocuments.parse("m", "{\"task\": "))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.field()).isNull());
        assertThatThrownBy(() -> SpecDocuments.parse("m", "  "))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.field()).isEqualTo("(document)"));
    }

    @Test
    void aBadFieldIsNamedByItsPath() {
        assertThatThrownBy(() -> SpecDocuments.parse("m", BODY.replace("numeric", "numbers")))
                .isInstanceOfSatisfying(SpecValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("features[0].type"));
    }
}
