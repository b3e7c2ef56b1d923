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
    private java.util.concurrent.ExecutorService serverThreads;

    @BeforeAll
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = java.util.concurrent.Executors.newCachedThreadPool();
        server.setExecutor(serverThreads); // a slow (timing-out) response must not hold up the other feeds
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
            serverThreads.shutdownNow();
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

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String type, String body) throws java.io.IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            ex.getResponseHeaders().add("Content-Type", type);
        }
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    private static Object taskMetric(String connector, int task, String attribute) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().getAttribute(TaskMetrics.objectName(connector, task), attribute);
    }

    @Test
    void unchangedLastModifiedEmitsNothingAndANewerVersionOnlyItsNewRows() throws Exception {
        AtomicReference<String> content = new AtomicReference<>(version(100));
        AtomicReference<String> lastModified = new AtomicReference<>("Mon, 15 Jun 2020 10:00:00 GMT");
        AtomicInteger notModified = new AtomicInteger();
        server.createContext("/lm.csv", ex -> {
            if (lastModified.get().equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))) {
                notModified.incrementAndGet();
                respond(ex, 304, null, "");
                return;
            }
            ex.getResponseHeaders().add("Last-Modified", lastModified.get());
            respond(ex, 200, "text/csv", content.get());
        });
        String topic = "lm";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, null);
        p.put("input.urls", url("/lm.csv"));
        p.put("key.fields", "Province,Date");
        connect.configureConnector("lm", p);
        assertThat(readCommitted(connect, topic, l -> l.size() >= 100, 60_000)).hasSize(100);
        long until = System.currentTimeMillis() + 10_000;
        while (notModified.get() < 3 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertThat(notModified.get()).as("conditional requests answered 304").isGreaterThanOrEqualTo(3);
        assertThat(quiet(topic)).as("304 Not Modified emits nothing").hasSize(100);

        content.set(version(120, 7));
        lastModified.set("Tue, 16 Jun 2020 10:00:00 GMT");
        List<ConsumerRecord<byte[], byte[]>> all = readCommitted(connect, topic, l -> l.size() >= 121, 30_000);
        all = quiet(topic);
        assertThat(all).hasSize(121);
        assertThat(all.subList(100, 121).stream().map(r -> value(r).get("Confirmed").asLong()).toList())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.concat(java.util.stream.LongStream.of(7),
                        java.util.stream.LongStream.range(100, 120)).boxed().toList());
        connect.deleteConnector("lm");
    }

    @Test
    void timeoutsAndServerErrorsAreRetriedWithDoublingBackOffShownInTheTaskMetrics() throws Exception {
        List<Long> requestTimes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        AtomicInteger n = new AtomicInteger();
        server.createContext("/flaky.csv", ex -> {
            requestTimes.add(System.currentTimeMillis());
            int i = n.getAndIncrement();
            if (i < 2) {
                try {
                    Thread.sleep(2_500); // longer than http.read.timeout.ms: the client gives up first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
            } else if (i < 5) {
                respond(ex, 503, "text/plain", "try later");
            } else {
                respond(ex, 200, "text/csv", version(50));
            }
        });
        String topic = "flaky";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, null);
        p.put("input.urls", url("/flaky.csv"));
        p.put("key.fields", "Province,Date");
        p.put("poll.interval.ms", "30000");
        p.put("http.read.timeout.ms", "800");
        p.put("http.retry.backoff.ms", "100");
        connect.configureConnector("flaky", p);

        // While it fails, the task says so in its metrics (the task itself stays RUNNING).
        String failing = "";
        long until = System.currentTimeMillis() + 30_000;
        while (!failing.contains("HTTP 503") && System.currentTimeMillis() < until) {
            try {
                failing = (String) taskMetric("flaky", 0, "HttpLastError");
            } catch (javax.management.InstanceNotFoundException notYet) {
                // task not started
            }
            Thread.sleep(5);
        }
        assertThat(failing).contains(url("/flaky.csv")).contains("HTTP 503").contains("attempt");
        assertThat((Integer) taskMetric("flaky", 0, "HttpFailingFeeds")).isEqualTo(1);
        assertThat(connect.connectorStatus("flaky").tasks().get(0).state()).isEqualTo("RUNNING");

        assertThat(readCommitted(connect, topic, l -> l.size() >= 50, 30_000)).hasSize(50);
        // 2 timeouts + 3 x 503; on a loaded machine a slow good answer can time out once more
        assertThat((Long) taskMetric("flaky", 0, "HttpRetries")).isGreaterThanOrEqualTo(5L);
        assertThat((Integer) taskMetric("flaky", 0, "HttpFailingFeeds")).isZero();
        assertThat((String) taskMetric("flaky", 0, "HttpLastError")).isEmpty();
        // Attempt k+1 starts at least 100 * 2^(k-1) ms after attempt k started (two of them also waited for the timeout).
        assertThat(requestTimes).hasSizeGreaterThanOrEqualTo(6);
        for (int k = 1; k <= 5; k++) {
            long gap = requestTimes.get(k) - requestTimes.get(k - 1);
            long backoff = 100L << (k - 1);
            assertThat(gap).as("gap before attempt %d (times %s)", k + 1, requestTimes).isGreaterThanOrEqualTo(backoff - 15);
        }
        assertThat(requestTimes.get(1) - requestTimes.get(0)).as("the first retry waited for the 800 ms timeout")
                .isGreaterThanOrEqualTo(880);
        connect.deleteConnector("flaky");
    }

    @Test
    void anOutageLongerThanRetryMaxFailsTheTaskWithTheLastErrorInItsStatus() throws Exception {
        server.createContext("/down.csv", ex -> respond(ex, 503, "text/plain", "down"));
        connect.kafka().createTopic("down", 1);
        Map<String, String> p = ConnectIT.props("down", null);
        p.put("input.urls", url("/down.csv"));
        p.put("http.retry.backoff.ms", "100");
        p.put("http.retry.max.ms", "1000");
        connect.configureConnector("down", p);
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("down", 1, "task should fail after http.retry.max.ms");
        assertThat(connect.connectorStatus("down").tasks().get(0).trace())
                .contains(url("/down.csv")).contains("HTTP 503").contains("http.retry.max.ms=1000");
        connect.deleteConnector("down");
    }

    @Test
    void anHtmlPageOrABodyThatIsNotTheExpectedCsvFailsTheTaskClearly() throws Exception {
        server.createContext("/page.csv", ex -> respond(ex, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html><body>Maintenance</body></html>"));
        server.createContext("/other.csv", ex -> respond(ex, 200, "text/plain", "hello world\nthis is,not,the feed\n"));
        connect.kafka().createTopic("notcsv", 1);
        Map<String, String> html = ConnectIT.props("notcsv", null);
        html.put("input.urls", url("/page.csv"));
        Map<String, String> other = ConnectIT.props("notcsv", null);
        other.put("input.urls", url("/other.csv"));
        connect.configureConnector("html", html);
        connect.configureConnector("other", other);
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("html", 1, "task should fail");
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("other", 1, "task should fail");
        assertThat(connect.connectorStatus("html").tasks().get(0).trace())
                .contains(url("/page.csv")).contains("HTML page").contains("text/html");
        assertThat(connect.connectorStatus("other").tasks().get(0).trace())
                .contains(url("/other.csv")).contains("not CSV with the expected columns").contains("hello world");
        assertThat(readCommitted(connect, "notcsv", l -> false, 500)).isEmpty();
        connect.deleteConnector("html");
        connect.deleteConnector("other");
    }

    @Test
    void eachUrlIsPolledByOneTaskAndItsRowsArriveOnce() throws Exception {
        server.createContext("/a.csv", ex -> respond(ex, 200, "text/csv", TestFeeds.csv(0, 200, true)));
        server.createContext("/b.csv", ex -> respond(ex, 200, "text/csv", TestFeeds.csv(1000, 1200, true)));
        String topic = "two-urls";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, null);
        p.put("input.urls", url("/a.csv") + "," + url("/b.csv"));
        p.put("key.fields", "Province,Date,Confirmed");
        p.put("tasks.max", "3");
        connect.configureConnector("two-urls", p);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("two-urls", 2, "one task per URL");
        readCommitted(connect, topic, l -> l.size() >= 400, 60_000);
        Thread.sleep(1_000); // several more polls of both feeds
        List<ConsumerRecord<byte[], byte[]>> all = quiet(topic);
        List<Long> ids = all.stream().map(r -> value(r).get("Confirmed").asLong()).toList();
        assertThat(ids).hasSize(400).doesNotHaveDuplicates();
        for (int task = 0; task < 2; task++) {
            assertThat((Long) taskMetric("two-urls", task, "HttpPolls")).as("polls of task %d", task).isGreaterThan(1L);
            assertThat((Long) taskMetric("two-urls", task, "RowsRead")).as("rows of task %d: one URL's", task).isEqualTo(200L);
        }
        connect.deleteConnector("two-urls");
    }

    @Test
    void aBodyThatStallsHalfWayTimesOutIsRetriedAndUnderPerFileTransactionsNothingOfItIsCommittedTwice() throws Exception {
        AtomicInteger n = new AtomicInteger();
        String full = version(300);
        server.createContext("/broken.csv", ex -> {
            byte[] b = full.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/csv");
            ex.sendResponseHeaders(200, b.length);
            if (n.getAndIncrement() == 0) {
                ex.getResponseBody().write(b, 0, b.length / 2); // then nothing more: the body stalls half-way
                ex.getResponseBody().flush();
                return;
            }
            ex.getResponseBody().write(b);
            ex.close();
        });
        String topic = "broken";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, null);
        p.put("input.urls", url("/broken.csv"));
        p.put("key.fields", "Province,Date");
        p.put("batch.size", "10");
        p.put("http.retry.backoff.ms", "200");
        p.put("http.read.timeout.ms", "1000");
        p.put("exactly.once.support", "required");
        p.put("transaction.boundary", "connector");
        p.put("transaction.per", "file");
        connect.configureConnector("broken", p);
        readCommitted(connect, topic, l -> l.size() >= 300, 60_000);
        List<ConsumerRecord<byte[], byte[]>> all = quiet(topic);
        assertThat(all.stream().map(r -> value(r).get("Confirmed").asLong()).toList())
                .as("every row once").hasSize(300).doesNotHaveDuplicates();
        assertThat(n.get()).as("requests").isGreaterThanOrEqualTo(2);
        assertThat((Long) taskMetric("broken", 0, "HttpRetries")).isEqualTo(1L);
        assertThat((Long) taskMetric("broken", 0, "RowsRead")).as("rows read, the broken half included").isGreaterThan(300L);
        connect.deleteConnector("broken");
    }
}
