package io.driftloop.kit;

import io.driftloop.follow.TopicFollower;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the service's group-less followers (specs, champions, the example index, checkpoints
 * …): DOWN while any of them is in trouble — stopped, or retrying a failure (a topic that does not
 * exist, a hand-over that throws) — with each follower's trouble in the data. A follower commits
 * nothing, so no lag shows it stuck: this is where it shows.
 */
@Readiness
@ApplicationScoped
public class FollowersReadiness implements HealthCheck {

    /** The check's name; its data holds each follower's state. */
    public static final String NAME = "topic-followers";
    /** The state of a follower that has read what its topics held at start and goes on reading. */
    public static final String FOLLOWING = "following";
    /** The state of a follower still reading what its topics held at start. */
    public static final String CATCHING_UP = "catching up";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named(NAME).up();
        for (TopicFollower f : TopicFollower.all()) {
            String trouble = f.trouble();
            r.withData(f.name(), trouble == null ? (f.caughtUp() ? FOLLOWING : CATCHING_UP) : trouble);
            if (trouble != null) {
                r.down();
            }
        }
        return r.build();
    }
}
