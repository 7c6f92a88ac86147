package io.driftloop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtVerificationTest {

    @Test
    void aVerificationKeyWithoutIssuerAndAudiencesIsIncomplete() {
        assertThat(JwtVerification.missing(true, Optional.empty(), Optional.of(" ")))
                .containsExactly("mp.jwt.verify.issuer", "mp.jwt.verify.audiences");
        assertThat(JwtVerification.missing(true, Optional.of("https://idp"), Optional.empty()))
                .containsExactly("mp.jwt.verify.audiences");
    }

    @Test
    void aVerificationKeyWithIssuerAndAudiencesIsComplete() {
        assertThat(JwtVerification.missing(true, Optional.of("https://idp"), Optional.of("driftloop-registry"))).isEmpty();
    }

    @Test
    void withoutAVerificationKeyNothingIsRequired() {
        assertThat(JwtVerification.missing(false, Optional.empty(), Optional.empty())).isEmpty();
    }
}
