package io.driftloop.scorer.domain;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which model a request is for: the one it names, else the configured default, else the only
 * model served. A name outside a fixed list of served models is the caller's mistake.
 *
 * @param served        model names configured to serve; empty serves whatever is promoted
 * @param defaultModel  model of requests that name none, if configured
 */
public record ModelChoice(Set<String> served, Optional<String> defaultModel) {

    /**
     * @param requested the request's {@code model}, or null
     * @param serving   names with a model serving now (used when neither a name nor a default is given)
     */
    public String resolve(String requested, Set<String> serving) {
        return resolve(requested, () -> serving);
    }

    /**
     * @param requested the request's {@code model}, or null
     * @param serving   names with a model serving now; asked only when neither a name, a default nor a
     *                  fixed list of served models decides
     */
    public String resolve(String requested, Supplier<Set<String>> serving) {
        if (requested != null && !requested.isBlank()) {
            if (!served.isEmpty() && !served.contains(requested)) {
                throw new InvalidRequestException("this scorer serves " + sorted(served) + ", not '" + requested + "'");
            }
            return requested;
        }
        if (defaultModel.isPresent()) {
            return defaultModel.get();
        }
        if (served.size() == 1) {
            return served.iterator().next();
        }
        if (!served.isEmpty()) {
            throw new InvalidRequestException("name the model: this scorer serves " + sorted(served));
        }
        Set<String> now = serving.get();
        if (now.size() == 1) {
            return now.iterator().next();
        }
        if (now.isEmpty()) {
            throw new NoModelException("no model has been promoted yet; name the model in the request or retry later");
        }
        throw new InvalidRequestException("name the model: this scorer serves " + sorted(now));
    }

    private static String sorted(Set<String> names) {
        return names.stream().sorted().toList().toString();
    }
}
