#!/usr/bin/env bash
# Streams a generated CSV (default 1 GiB, ~23M rows) through a stock Kafka Connect standalone worker running in its
# own JVM with a small heap (default -Xmx256m), loading this connector from its plugin zip, and reports the worker's
# heap after each GC along the way plus its whole-process peak memory (from /usr/bin/time -v).
# NOT part of CI: it takes a few minutes and ~1 GB of disk (connector/target/memory-run/, reused by later runs).
#
#   connector/memory-run.sh                 # 1 GiB, -Xmx256m
#   GB=2 XMX=128m connector/memory-run.sh   # other sizes
#   WRAPPER="" connector/memory-run.sh      # no /usr/bin/time
#   PRODUCER_BUFFER="" XMX=512m connector/memory-run.sh   # the worker's default producer buffer
set -euo pipefail
cd "$(dirname "$0")/.."
GB="${GB:-1}"
XMX="${XMX:-256m}"
WRAPPER="${WRAPPER-/usr/bin/time -v}"
# producer.override.buffer.memory of the connector: bytes of records in flight to the broker (Kafka's default 32 MB
# lets ~130k records be in flight, ~2 KB of heap each inside the Connect runtime); empty = the worker's default
PRODUCER_BUFFER="${PRODUCER_BUFFER-8388608}"
mvn -o -B verify -pl connector -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LargeFileMemoryIT -Dcovidkafka.memory.gb="$GB" -Dcovidkafka.memory.xmx="$XMX" \
  -Dcovidkafka.memory.wrapper="$WRAPPER" -Dcovidkafka.memory.producer.buffer="$PRODUCER_BUFFER"
echo "--- connector/target/memory-run/worker.log (summary)"
cat connector/target/memory-run/worker-report.txt
grep -E "Maximum resident|Elapsed \(wall" connector/target/memory-run/worker.log || true
