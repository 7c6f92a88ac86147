#!/bin/sh
# Generated from infra/topics/topics.json by TopicManifests; do not edit.
# Creates every Driftloop topic that does not exist yet. For the single broker of Docker
# Compose: replication factor 1 and min.insync.replicas 1, so acks=all waits for that one
# broker (a lost disk loses data; the Kubernetes manifests run 3 replicas, 2 in sync).
set -eu
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
TOPICS="${KAFKA_TOPICS_CMD:-/opt/kafka/bin/kafka-topics.sh}"
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.inference.v1 --partitions 6 --config retention.ms=604800000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.feedback.v1 --partitions 6 --config retention.ms=604800000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.examples.v1 --partitions 6 --config retention.ms=-1
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic data-prep-join-inference-by-request-repartition --partitions 6 --config cleanup.policy=delete --config retention.ms=-1 --config segment.bytes=52428800
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic data-prep-join-feedback-by-request-repartition --partitions 6 --config cleanup.policy=delete --config retention.ms=-1 --config segment.bytes=52428800
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic data-prep-join-pairs-outer-this-join-store-changelog --partitions 6 --config cleanup.policy=compact,delete --config retention.ms=259200000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic data-prep-join-pairs-outer-other-join-store-changelog --partitions 6 --config cleanup.policy=compact,delete --config retention.ms=259200000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic data-prep-join-pairs-outer-shared-join-store-changelog --partitions 6 --config cleanup.policy=compact
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic data-prep-join-joined-changelog --partitions 6 --config cleanup.policy=compact,delete --config retention.ms=259200000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.specs.v1 --partitions 3 --config cleanup.policy=compact --config min.compaction.lag.ms=0 --config segment.ms=3600000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.drift.stats.v1 --partitions 3 --config retention.ms=604800000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.drift.state.v1 --partitions 3 --config cleanup.policy=compact --config max.message.bytes=8388608 --config min.compaction.lag.ms=0 --config segment.ms=3600000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.retrain.requested.v1 --partitions 3 --config retention.ms=-1
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.retrain.abandoned.v1 --partitions 3 --config retention.ms=-1
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.dataset.ready.v1 --partitions 3 --config retention.ms=-1
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.dataset.cuts.v1 --partitions 3 --config cleanup.policy=compact --config min.compaction.lag.ms=0 --config segment.ms=3600000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.training.progress.v1 --partitions 3 --config retention.ms=604800000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.training.trials.v1 --partitions 6 --config retention.ms=604800000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.trained.v1 --partitions 3 --config retention.ms=-1
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.evaluated.v1 --partitions 3 --config retention.ms=-1
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.promoted.v1 --partitions 3 --config cleanup.policy=compact --config min.compaction.lag.ms=0 --config segment.ms=3600000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.lifecycle.v1 --partitions 3 --config retention.ms=-1
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.inference.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.feedback.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.examples.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.specs.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.retrain.requested.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.dataset.ready.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.training.trials.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.trained.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.evaluated.v1.dlq --partitions 1 --config retention.ms=2592000000
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ct.model.promoted.v1.dlq --partitions 1 --config retention.ms=2592000000
