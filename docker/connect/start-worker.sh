#!/bin/sh
# Starts a distributed Connect worker from the repository's config/connect-distributed.properties (mounted read-only)
# with the few settings that differ inside the compose network appended: in a Java properties file the last
# occurrence of a key wins, so the shared file stays the single source of every other setting.
set -eu
SHARED=/etc/covid-kafka/connect-distributed.properties
WORKER=/tmp/connect-distributed.properties
if [ ! -r "$SHARED" ]; then
  echo "missing $SHARED: mount config/connect-distributed.properties there" >&2
  exit 1
fi
cp "$SHARED" "$WORKER"
cat >> "$WORKER" <<PROPS

# --- docker/connect/start-worker.sh overrides ---
bootstrap.servers=${CONNECT_BOOTSTRAP_SERVERS:-kafka:9092}
listeners=http://0.0.0.0:8083
rest.advertised.host.name=connect
plugin.path=/opt/connect-plugins
exactly.once.source.support=enabled
# one broker in this stack
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
PROPS
exec /opt/kafka/bin/connect-distributed.sh "$WORKER"
