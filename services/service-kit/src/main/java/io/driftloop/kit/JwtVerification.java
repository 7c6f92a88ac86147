package io.driftloop.kit;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bearer JWTs are accepted only with a complete verification: in production (the {@code prod}
 * profile), once a verification key is configured ({@code mp.jwt.verify.publickey.location} or
 * {@code mp.jwt.verify.publickey}), the expected issuer ({@code mp.jwt.verify.issuer}) and audience
 * ({@code mp.jwt.verify.audiences}) must be configured too, or the service refuses to start: a
 * token another service of the same identity provider obtained must not pass here. Every service that
 * accepts JWTs (the registry, the drift-detector) is held to it.
 */
@ApplicationScoped
public class JwtVerification {

    static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String KEY = "mp.jwt.verify.publickey";
    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";

    void onStart(@Observes StartupEvent start) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        List<String> missing = missing(value(config, KEY_LOCATION).isPresent() || value(config, KEY).isPresent(),
                value(config, ISSUER), value(config, AUDIENCES));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("bearer JWTs are enabled (" + KEY_LOCATION + " is set) but " + missing
                    + " not: set MP_JWT_VERIFY_ISSUER and MP_JWT_VERIFY_AUDIENCES, or remove the verification key");
        }
    }

    /** The settings a JWT verification with a key still lacks; none when no key is configured (JWTs unused). */
    static List<String> missing(boolean keyConfigured, Optional<String> issuer, Optional<String> audiences) {
        List<String> missing = new ArrayList<>();
        if (keyConfigured) {
            if (issuer.filter(s -> !s.isBlank()).isEmpty()) {
                missing.add(ISSUER);
            }
            if (audiences.filter(s -> !s.isBlank()).isEmpty()) {
                missing.add(AUDIENCES);
            }
        }
        return missing;
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class);
    }
}
