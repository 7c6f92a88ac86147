package io.driftloop.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The console's settings ({@code driftloop.console.*}). */
@ConfigMapping(prefix = "driftloop.console")
public interface ConsoleConfig {

    /** How often the consumer groups' committed offsets and the log-end offsets are read (default PT5S). */
    @WithDefault("PT5S")
    Duration sampleInterval();

    /** Observations per partition the lag rules judge (Burrow's window; default 10). */
    @WithDefault("10")
    int window();

    /**
     * Each consumer group's rhythm: how long it may hold a committed offset still while records wait
     * and why ({@code driftloop.console.rhythm.<group>.may-hold}, {@code .why}); other groups get
     * one minute.
     */
    Map<String, Rhythm> rhythm();

    /** The services whose readiness the overview shows: name → base URL ({@code driftloop.console.services.<name>}). */
    Map<String, String> services();

    interface Rhythm {
        Duration mayHold();

        String why();
    }
}
