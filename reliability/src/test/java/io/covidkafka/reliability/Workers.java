package io.covidkafka.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of a distributed Connect worker talking to one of the suite's brokers. */
final class Workers {

    private Workers() {
    }

    /**
     * A distributed worker on 127.0.0.1:{@code restPort} (0 for any) in group {@code group}, with its own internal
     * topics, JSON values without envelopes, fast offset flushes and fast failure detection, so a killed worker's
     * replacement gets its tasks within seconds (the broker must allow 1 s sessions: see {@link #brokerSettings}).
     */
    static Map<String, String> distributed(String bootstrap, String group, int restPort, boolean exactlyOnce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", group);
        p.put("config.storage.topic", group + "-configs");
        p.put("offset.storage.topic", group + "-offsets");
        p.put("status.storage.topic", group + "-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "1");
        p.put("status.storage.partitions", "1");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("key.converter.schemas.enable", "false");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter.schemas.enable", "false");
        p.put("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
        p.put("listeners", "http://127.0.0.1:" + restPort);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("plugin.discovery", "service_load");
        p.put("offset.flush.interval.ms", "500");
        p.put("exactly.once.source.support", exactlyOnce ? "enabled" : "disabled");
        if (exactlyOnce) {
            // A task killed mid-transaction leaves its transaction open in the offsets topic; a restarted worker
            // reads that topic (read_committed) before it starts any task, so it waits until the broker aborts
            // the transaction: transaction.timeout.ms (60 s by default) plus the broker's abort check interval.
            p.put("producer.transaction.timeout.ms", "10000");
        }
        // a SIGKILLed worker is noticed after 2 s, and its tasks are handed out at once instead of after 5 min
        p.put("session.timeout.ms", "2000");
        p.put("heartbeat.interval.ms", "500");
        p.put("rebalance.timeout.ms", "10000");
        p.put("scheduled.rebalance.max.delay.ms", "0");
        p.put("task.shutdown.graceful.timeout.ms", "2000");
        return p;
    }

    /** Broker settings the workers above need. */
    static Map<String, String> brokerSettings() {
        return Map.of("group.min.session.timeout.ms", "1000",
                "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1");
    }

    /** Connector settings common to the suite: one task, fast scans, files read as soon as they are stable. */
    static Map<String, String> connector(String topic, String dir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connector.class", "io.covidkafka.connect.FeedSourceConnector");
        m.put("tasks.max", "1");
        m.put("topic", topic);
        if (dir != null) {
            m.put("input.path", dir);
        }
        m.put("poll.interval.ms", "200");
        m.put("file.min.age.ms", "0");
        return m;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
