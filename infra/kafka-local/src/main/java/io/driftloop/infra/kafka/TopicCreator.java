package io.driftloop.infra.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Creates the declared topics that do not exist yet; existing ones are left as they are. */
public final class TopicCreator {

    private TopicCreator() {
    }

    /** Creates every topic of {@link TopicDefinitions#load()} missing on the cluster {@code adminSettings} reach; returns the names created. */
    public static List<String> createMissing(Map<String, Object> adminSettings) {
        Map<String, Object> settings = new java.util.HashMap<>(adminSettings);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<TopicDefinitions.Topic> missing = TopicDefinitions.load().stream()
                    .filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing.stream().map(TopicDefinitions.Topic::toNewTopic).toList())
                        .all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(TopicDefinitions.Topic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + adminSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
