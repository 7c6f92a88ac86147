package io.driftloop.registry.messaging;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The users of the test profile (application.properties) and bearer JWTs signed with the test key. */
final class Users {

    static final String ISSUER = "https://issuer.driftloop.test";
    static final String AUDIENCE = "driftloop-registry";

    private Users() {
    }

    static RequestSpecification viewer() {
        return given().auth().preemptive().basic("vera", "vera-secret");
    }

    static RequestSpecification operator() {
        return given().auth().preemptive().basic("olivia", "olivia-secret");
    }

    static RequestSpecification approver() {
        return given().auth().preemptive().basic("alice", "alice-secret");
    }

    static RequestSpecification wrongPassword() {
        return given().auth().preemptive().basic("alice", "not-her-password");
    }

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** An RS256 JWT for {@code user} with {@code groups} as roles, signed with the key in {@code keyFile}. */
    static String jwt(String user, List<String> groups, String keyFile) {
        return jwt(user, groups, keyFile, AUDIENCE);
    }

    /** The same, for {@code audience}. */
    static String jwt(String user, List<String> groups, String keyFile, String audience) {
        try {
            String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
            long now = Instant.now().getEpochSecond();
            String claims = b64("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + audience + "\",\"upn\":\"" + user
                    + "\",\"sub\":\"" + user + "\","
                    + "\"groups\":[" + String.join(",", groups.stream().map(g -> "\"" + g + "\"").toList()) + "],"
                    + "\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
            String pem = Files.readString(Path.of("src/test/resources/jwt/" + keyFile));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test JWT", e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
