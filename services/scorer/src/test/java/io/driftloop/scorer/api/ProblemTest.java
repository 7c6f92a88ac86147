package io.driftloop.scorer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftloop.contracts.Json;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Errors the resource does not answer itself are problem documents too. */
class ProblemTest {

    @Test
    void aModelAnsweringSomethingThatIsNotAProbabilityIsA500Problem() {
        Response response = Problem.invalidScore("m v3 answered NaN, not a probability");

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(Json.decode((String) response.getEntity(), Problem.class).detail()).contains("answered NaN");
    }

    @Test
    void anUnexpectedFailureIsA500Problem() {
        Response response = new ProblemMappers().unexpected(new IllegalStateException("boom"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat((String) response.getEntity()).doesNotContain("boom");
    }

    @Test
    void anHttpErrorKeepsItsStatusAndHeaders() {
        Response response = new ProblemMappers().http(new NotAllowedException("POST"));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.getHeaderString("Allow")).contains("POST");
    }
}
