package io.driftloop.console.messaging;

import io.driftloop.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Where the registry answers ({@code driftloop.console.services.registry}) and the one HTTP client
 * the console asks it with: its read API for the model pages ({@link RegistryModels}) and its
 * re-drive for operators ({@link RegistryRedrive}).
 */
@ApplicationScoped
public class RegistryApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    public RegistryApi(ConsoleConfig config) {
        this.base = config.services().getOrDefault("registry", "http://localhost:8080").replaceAll("/+$", "");
    }

    /** The registry's URI of {@code path} (starting with {@code /}). */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** The registry's base URL, for messages. */
    public String base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }
}
