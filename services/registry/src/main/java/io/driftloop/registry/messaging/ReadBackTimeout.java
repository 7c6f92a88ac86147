package io.driftloop.registry.messaging;

import io.driftloop.contracts.events.ModelLifecycleChanged;
import java.time.Duration;

/**
 * A decision's lifecycle event was written to ct.model.lifecycle.v1 (acknowledged) but not read
 * back within the configured wait: it is recorded, not confirmed. It may still apply (then every
 * instance's follower reconciles its promotion) or lose its position to another instance's event.
 * An input is retried (deciding again on the state read from the log); a REST call answers
 * {@code 202 Accepted}.
 */
public final class ReadBackTimeout extends IllegalStateException {

    private final transient ModelLifecycleChanged event;

    public ReadBackTimeout(ModelLifecycleChanged event, Duration waited) {
        super("lifecycle event " + event.eventId() + " of '" + event.model() + "' (" + event.stage().name()
                .toLowerCase().replace('_', '-') + " v" + event.version() + ", position " + event.sequence()
                + ") was written but not read back from ct.model.lifecycle.v1 within " + waited);
        this.event = event;
    }

    public ModelLifecycleChanged event() {
        return event;
    }
}
