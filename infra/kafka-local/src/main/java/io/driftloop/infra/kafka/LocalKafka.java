package io.driftloop.infra.kafka;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded broker in the foreground with every declared topic:
 * {@code java -cp … io.driftloop.infra.kafka.LocalKafka [port]}. The port defaults to the one in
 * {@code KAFKA_BOOTSTRAP_SERVERS}, else 9092. Ctrl-C stops it and removes its data.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : portFrom(System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        KafkaCluster cluster = KafkaCluster.startEmbedded(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }));
        System.out.println("Kafka broker ready on " + cluster.bootstrapServers() + " with the topics of infra/topics/topics.json");
        stopped.await();
    }

    /** The port of the first address in a bootstrap-servers list; 9092 when none is given. */
    public static int portFrom(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            return 9092;
        }
        String first = bootstrapServers.split(",")[0].trim();
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }
}
