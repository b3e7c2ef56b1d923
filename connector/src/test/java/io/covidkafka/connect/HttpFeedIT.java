package io.covidkafka.connect;

import static io.covidkafka.connect.ConnectIT.readCommitted;
import static io.covidkafka.connect.ConnectIT.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HTTP feeds in a real worker: a JDK HttpServer on 127.0.0.1 republishes a growing, corrected covid19.csv the way
 * PHAC did; only new or changed rows reach Kafka, across restarts; server errors are retried; 404 fails the task.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFeedIT {

    private EmbeddedConnectCluster connect;
    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>("");
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean sendEtag;

    @BeforeAll
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/covid19.csv", ex -> {
            requests.incrementAndGet();
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.sendResponseHeaders(503, -1);
                ex.close();
                return;
            }
            String content = body.get();
            String etag = "\"" + Integer.toHexString(content.hashCode()) + "\"";
            if (sendEtag && etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/csv; charset=utf-8");
            if (sendEtag) {
                ex.getResponseHeaders().add("ETag", etag);
            }
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        connect = ConnectIT.start("http-feed-it");
    }

    @AfterAll
    void stop() {
        if (connect != null) {
            connect.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Version {@code to} rows, with the rows in {@code corrected} republished with another NumberToday. */
    private static String version(int to, int... corrected) {
        StringBuilder sb = new StringBuilder(TestFeeds.HEADER);
        for (int i = 0; i < to; i++) {
            String row = TestFeeds.row(i);
            for (int c : corrected) {
                if (c == i) {
                    row = row.substring(0, row.lastIndexOf(',') + 1) + "999";
                }
            }
            sb.append("\r\n").append(row);
        }
        return sb.toString();
    }

    private List<ConsumerRecord<byte[], byte[]>> quiet(String topic) {
        return readCommitted(connect, topic, l -> false, 1_500);
    }

    @Test
    void republishedFeedEmitsOnlyNewAndChangedRowsAcrossRestartsAndRetries() throws Exception {
        body.set(version(300));
        String topic = "phac-http";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, null);
        p.put("input.urls", url("/covid19.csv"));
        p.put("key.fields", "Province,Date");
        p.put("http.retry.backoff.ms", "50");
        connect.configureConnector("http", p);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("http", 1, "not running");
        assertThat(readCommitted(connect, topic, l -> l.size() >= 300, 60_000)).hasSize(300);
        assertThat(quiet(topic)).as("same body polled again emits nothing").hasSize(300);

        body.set(version(350, 5, 17));
        List<ConsumerRecord<byte[], byte[]>> v2 = readCommitted(connect, topic, l -> l.size() >= 352, 30_000);
        List<ConsumerRecord<byte[], byte[]>> all = quiet(topic);
        assertThat(all).hasSize(352);
        List<ConsumerRecord<byte[], byte[]>> changes = all.subList(300, 352);
        assertThat(changes.stream().filter(r -> value(r).get("NumberToday").asLong() == 999)
                .map(r -> value(r).get("Confirmed").asLong()).toList()).containsExactlyInAnyOrder(5L, 17L);
        assertThat(changes.stream().map(r -> value(r).get("Confirmed").asLong()).filter(id -> id >= 300).count()).isEqualTo(50);
        assertThat(ConnectIT.header(changes.get(0), RecordFactory.H_ORIGIN)).isEqualTo(url("/covid19.csv"));
        assertThat(v2).isNotEmpty();

        // State lives in the source offsets: a restart does not re-emit the feed.
        connect.stopConnector("http");
        connect.assertions().assertConnectorIsStopped("http", "not stopped");
        connect.resumeConnector("http");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("http", 1, "not running");
        assertThat(quiet(topic)).as("nothing re-emitted after restart").hasSize(352);

        // Server errors are retried (and counted), then the next version's new rows come through.
        failNext.set(3);
        sendEtag = true;
        body.set(version(360, 5, 17));
        assertThat(readCommitted(connect, topic, l -> l.size() >= 362, 30_000)).hasSize(362);
        long retries = (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(TaskMetrics.objectName("http", 0), "HttpRetries");
        assertThat(retries).isGreaterThanOrEqualTo(3);
        int before = requests.get();
        assertThat(quiet(topic)).as("304 Not Modified emits nothing").hasSize(362);
        assertThat(requests.get()).isGreaterThan(before);
        connect.deleteConnector("http");
    }

    @Test
    void notFoundFailsTheTaskWithAClearMessage() throws Exception {
        connect.kafka().createTopic("missing", 1);
        Map<String, String> p = ConnectIT.props("missing", null);
        p.put("input.urls", url("/nothing-here.csv"));
        connect.configureConnector("missing", p);
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("missing", 1, "task should fail");
        assertThat(connect.connectorStatus("missing").tasks().get(0).trace()).contains("HTTP 404").contains("nothing-here.csv");
        connect.deleteConnector("missing");
    }

    @Test
    void urlsAreSplitAcrossTasksOnePerUrl() {
        Map<String, String> p = ConnectIT.props("t", null);
        p.put("input.urls", url("/a.csv") + "," + url("/b.csv") + "," + url("/c.csv"));
        FeedSourceConnector c = new FeedSourceConnector();
        c.start(p);
        List<Map<String, String>> tasks = c.taskConfigs(2);
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).get(FeedSourceTask.TASK_URLS)).isEqualTo(url("/a.csv") + "," + url("/c.csv"));
        assertThat(tasks.get(1).get(FeedSourceTask.TASK_URLS)).isEqualTo(url("/b.csv"));
        assertThat(c.taskConfigs(5)).as("no idle tasks without a directory").hasSize(3);
    }
}
