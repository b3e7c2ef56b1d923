package io.covidkafka.connect;

import static io.covidkafka.connect.ConnectIT.header;
import static io.covidkafka.connect.ConnectIT.readCommitted;
import static io.covidkafka.connect.ConnectIT.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The connector in a real distributed worker (exactly-once source support enabled) against a real broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedSourceConnectorIT {

    private EmbeddedConnectCluster connect;

    @TempDir
    Path tmp;

    @BeforeAll
    void startCluster() {
        connect = ConnectIT.start("feed-source-it");
    }

    @AfterAll
    void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    private Path dir(String name) throws Exception {
        return Files.createDirectories(tmp.resolve(name));
    }

    /** Asserts ids {@code from..to-1} each arrived exactly once, naming the missing and extra ids. */
    private static void assertExactlyOnce(List<ConsumerRecord<byte[], byte[]>> records, long from, long to) {
        Map<Long, Integer> seen = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            seen.merge(value(r).get("Confirmed").asLong(), 1, Integer::sum);
        }
        TreeSet<Long> missing = new TreeSet<>();
        for (long i = from; i < to; i++) {
            if (!seen.containsKey(i)) {
                missing.add(i);
            }
        }
        Map<Long, Integer> extra = new TreeMap<>();
        seen.forEach((id, n) -> {
            if (n > 1 || id < from || id >= to) {
                extra.put(id, n);
            }
        });
        assertThat(missing).as("missing ids (" + missing.size() + ")").isEmpty();
        assertThat(extra).as("duplicated or unexpected ids -> count (" + extra.size() + ")").isEmpty();
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitCount(String topic, int n, long timeoutMs) {
        return readCommitted(connect, topic, l -> l.size() >= n, timeoutMs);
    }

    /** Reads for a while longer than needed, so duplicates that arrive late are seen too. */
    private List<ConsumerRecord<byte[], byte[]>> settle(String topic, int expected) {
        awaitCount(topic, expected, 60_000);
        return readCommitted(connect, topic, l -> false, 1_500);
    }

    /**
     * The real PHAC file through the worker with {@link CanonicalJsonConverter} as key and value converter (found by
     * the worker through the plugin's service manifest): every value is byte for byte what the schema core's
     * {@link io.covidkafka.schema.CanonicalJsonWriter} writes for that row, and reads back with default options.
     */
    @Test
    void canonicalJsonConverterWritesWhatTheSchemaCoreWrites() throws Exception {
        Path in = dir("canonical");
        Files.copy(SharedData.phac(), in.resolve("covid19.csv"));
        io.covidkafka.schema.ParseOptions phac = io.covidkafka.schema.ParseOptions.builder().mapping("phac").build();
        List<String> expected = new java.util.ArrayList<>();
        io.covidkafka.schema.CanonicalJsonWriter writer = new io.covidkafka.schema.CanonicalJsonWriter(phac.schema());
        try (var reader = io.covidkafka.schema.FeedReader.open(Files.newInputStream(SharedData.phac()), phac)) {
            while (reader.next(writer)) {
                assertThat(reader.rejection()).as("PHAC row %s", reader.recordLine()).isNull();
                expected.add(writer.toString());
            }
        }
        assertThat(expected).hasSize(1497);

        String topic = "canonical";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, in.toString());
        p.put("field.mapping", "phac");
        p.put("key.fields", "Province,Date");
        p.put("value.converter", CanonicalJsonConverter.class.getName());
        p.put("key.converter", CanonicalJsonConverter.class.getName());
        p.put("key.converter.schema", "Province STRING NOT NULL, Date DATE NOT NULL");
        connect.configureConnector("canonical", p);
        List<ConsumerRecord<byte[], byte[]>> got = settle(topic, expected.size());
        assertThat(got.stream().map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)).toList())
                .containsExactlyElementsOf(expected);

        ConsumerRecord<byte[], byte[]> first = got.get(0);
        assertThat(new String(first.key(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"Province\":\"Ontario\",\"Date\":\"2020-01-31\"}");
        io.covidkafka.schema.RecordParser defaults = io.covidkafka.schema.RecordParser.create(
                io.covidkafka.schema.ParseOptions.builder().format(io.covidkafka.schema.FeedFormat.JSON).build());
        io.covidkafka.schema.TypedRow row = new io.covidkafka.schema.TypedRow(io.covidkafka.schema.RecordSchema.covid());
        for (ConsumerRecord<byte[], byte[]> r : got) {
            assertThat(defaults.parse(r.value(), 0, r.value().length, row)).isNull();
        }
        assertThat(row.values()[1]).isEqualTo(value(got.get(got.size() - 1)).get("Province").asText());
        connect.deleteConnector("canonical");
    }

    @Test
    void movesFilesOnlyAfterTheirTransactionCommitted() throws Exception {
        Path in = dir("move-in");
        Path done = dir("move-done");
        for (int f = 0; f < 5; f++) {
            TestFeeds.write(in.resolve("f" + f + ".csv"), TestFeeds.csv(f * 2000L, (f + 1) * 2000L, true));
        }
        String topic = "moved";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, in.toString());
        p.put("cleanup.policy", "move");
        p.put("finished.path", done.toString());
        p.put("batch.size", "500");
        p.put("transaction.boundary", "connector");
        p.put("transaction.per", "file");
        connect.configureConnector("mover", p);
        long until = System.currentTimeMillis() + 60_000;
        boolean checkedFirst = false;
        while (System.currentTimeMillis() < until) {
            try (var s = Files.list(done)) {
                List<Path> moved = s.toList();
                if (!checkedFirst && !moved.isEmpty()) {
                    // The moment a file is gone from the input, all its rows must already be committed.
                    int f = Integer.parseInt(moved.get(0).getFileName().toString().substring(1, 2));
                    List<ConsumerRecord<byte[], byte[]>> now = readCommitted(connect, topic, l -> false, 1_000);
                    long rowsOfFile = now.stream().map(r -> value(r).get("Confirmed").asLong())
                            .filter(id -> id >= f * 2000L && id < (f + 1) * 2000L).distinct().count();
                    assertThat(rowsOfFile).as("committed rows of moved file f" + f).isEqualTo(2000);
                    checkedFirst = true;
                }
                if (moved.size() == 5) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        try (var s = Files.list(in)) {
            assertThat(s.filter(x -> x.toString().endsWith(".csv")).toList()).isEmpty();
        }
        assertThat(checkedFirst).isTrue();
        assertExactlyOnce(settle(topic, 10_000), 0, 10_000);
        connect.deleteConnector("mover");
    }

    @Test
    void readsGrowingFilesOnlyWhenStableAndNewFilesUnderOldNamesInFull() throws Exception {
        Path in = dir("grow");
        String topic = "grow";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, in.toString());
        p.put("file.min.age.ms", "1500");
        connect.configureConnector("grower", p);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("grower", 1, "not running");
        Path file = in.resolve("growing.csv");
        Files.writeString(file, TestFeeds.csv(0, 1000, true));
        for (int i = 1; i <= 5; i++) {
            Thread.sleep(300);
            Files.writeString(file, "\r\n" + TestFeeds.csv(i * 1000L, (i + 1) * 1000L, false), StandardOpenOption.APPEND);
            assertThat(readCommitted(connect, topic, l -> false, 200)).as("nothing read while the file is written").isEmpty();
        }
        assertExactlyOnce(settle(topic, 6000), 0, 6000);

        // The file grows after it was read: only the new rows follow.
        Files.writeString(file, "\r\n" + TestFeeds.csv(6000, 6500, false), StandardOpenOption.APPEND);
        assertExactlyOnce(settle(topic, 6500), 0, 6500);

        // A different file under the same name is read in full.
        Files.delete(file);
        TestFeeds.write(file, TestFeeds.csv(10_000, 10_300, true));
        List<ConsumerRecord<byte[], byte[]>> all = settle(topic, 6800);
        assertThat(all).hasSize(6800);
        assertThat(all.stream().filter(r -> value(r).get("Confirmed").asLong() >= 10_000).count()).isEqualTo(300);
        connect.deleteConnector("grower");
    }

    @Test
    void deadLettersBadRowsWithReasonsCountsThemInJmxAndDeletesTheFile() throws Exception {
        Path in = dir("dlq");
        StringBuilder csv = new StringBuilder(TestFeeds.HEADER);
        int bad = 0;
        for (int i = 0; i < 1000; i++) {
            String row = TestFeeds.row(i);
            if (i == 10 || i == 500) {
                row = row.replace("," + i + ",", ",abc,");
                bad++;
            } else if (i == 700) {
                row = "2021-01-01,,700,1,1,1";
                bad++;
            }
            csv.append("\n").append(row);
        }
        Path file = TestFeeds.write(in.resolve("mixed.csv"), csv.toString());
        connect.kafka().createTopic("good", 1);
        connect.kafka().createTopic("bad", 1);
        Map<String, String> p = ConnectIT.props("good", in.toString());
        p.put("row.errors.policy", "dlq");
        p.put("row.errors.topic", "bad");
        p.put("cleanup.policy", "delete");
        p.put("key.fields", "Province,Date");
        p.put("timestamp.field", "Date");
        connect.configureConnector("dlq", p);

        List<ConsumerRecord<byte[], byte[]>> good = settle("good", 1000 - bad);
        List<ConsumerRecord<byte[], byte[]>> rejected = readCommitted(connect, "bad", l -> l.size() >= 3, 30_000);
        assertThat(good).hasSize(1000 - bad);
        assertThat(rejected).hasSize(bad);
        ConsumerRecord<byte[], byte[]> first = rejected.get(0);
        byte[] raw = java.util.Base64.getDecoder().decode(ConnectIT.JSON.readTree(first.value()).asText());
        assertThat(new String(raw, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(TestFeeds.row(10).replace(",10,", ",abc,"));
        assertThat(header(first, RecordFactory.H_REASON)).isEqualTo("TYPE_MISMATCH");
        assertThat(header(first, RecordFactory.H_FIELD)).isEqualTo("Confirmed");
        assertThat(header(first, RecordFactory.H_ORIGIN)).isEqualTo(file.toString());
        assertThat(header(first, RecordFactory.H_LINE)).isEqualTo("12");
        assertThat(header(rejected.get(2), RecordFactory.H_REASON)).isEqualTo("NULL_NOT_ALLOWED");
        ConsumerRecord<byte[], byte[]> g = good.get(0);
        assertThat(ConnectIT.JSON.readTree(g.key()).get("Province").asText()).isEqualTo(value(g).get("Province").asText());
        assertThat(g.timestamp()).isEqualTo(java.time.LocalDate.of(2020, 1, 1).toEpochDay() * 86_400_000L);
        assertThat(header(g, RecordFactory.H_LINE)).isEqualTo("2");
        assertThat(header(g, RecordFactory.H_OFFSET)).isEqualTo(Integer.toString(TestFeeds.HEADER.length() + 1));

        long until = System.currentTimeMillis() + 30_000;
        while (Files.exists(file) && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertThat(file).as("deleted after commit").doesNotExist();

        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = TaskMetrics.objectName("dlq", 0);
        assertThat((Long) mbs.getAttribute(name, "RowsRead")).isEqualTo(1000L);
        assertThat((Long) mbs.getAttribute(name, "RowsAccepted")).isEqualTo(1000L - bad);
        assertThat((Long) mbs.getAttribute(name, "RowsRejected")).isEqualTo((long) bad);
        assertThat((Long) mbs.getAttribute(name, "FilesDone")).isEqualTo(1L);
        assertThat((Long) mbs.getAttribute(name, "BytesRead")).isEqualTo((long) csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        connect.deleteConnector("dlq");
    }

    /**
     * skip policy and every task metric: a big file read first while two others wait (poll lag), a file with bad rows
     * (skipped, counted: accepted + rejected = read) and a corrupt gzip (failed once, not retried until it changes).
     */
    @Test
    void skipPolicyAndTaskMetricsCountRowsBytesFilesAndPollLag() throws Exception {
        Path in = dir("metrics");
        int n = 30_000;
        String big = TestFeeds.csv(0, n, true);
        StringBuilder mixed = new StringBuilder(TestFeeds.HEADER);
        java.util.Set<Long> bad = java.util.Set.of((long) n + 3, (long) n + 400, (long) n + 999);
        for (long i = n; i < n + 1000; i++) {
            mixed.append("\r\n").append(bad.contains(i) ? TestFeeds.row(i).replace("," + i + ",", ",NaN-ish,") : TestFeeds.row(i));
        }
        long now = System.currentTimeMillis();
        Path bigFile = TestFeeds.write(in.resolve("a-big.csv"), big);
        Path mixedFile = TestFeeds.write(in.resolve("b-mixed.csv"), mixed.toString());
        Path corrupt = Files.write(in.resolve("c-corrupt.csv.gz"), "this is not gzip".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.setLastModifiedTime(bigFile, java.nio.file.attribute.FileTime.fromMillis(now - 10_000)); // read first
        Files.setLastModifiedTime(mixedFile, java.nio.file.attribute.FileTime.fromMillis(now - 5_000));
        Files.setLastModifiedTime(corrupt, java.nio.file.attribute.FileTime.fromMillis(now - 5_000));
        connect.kafka().createTopic("metrics", 1);
        Map<String, String> p = ConnectIT.props("metrics", in.toString());
        p.put("row.errors.policy", "skip");
        p.put("origin.headers", "false");
        connect.configureConnector("metrics", p);

        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = TaskMetrics.objectName("metrics", 0);
        long maxLag = 0;
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            try {
                maxLag = Math.max(maxLag, (Long) mbs.getAttribute(name, "PollLagMs"));
                if ((Long) mbs.getAttribute(name, "FilesDone") == 2) {
                    break;
                }
            } catch (javax.management.InstanceNotFoundException notYet) {
                // task not started
            }
            Thread.sleep(5);
        }
        List<ConsumerRecord<byte[], byte[]>> all = settle("metrics", n + 1000 - bad.size());
        assertThat(all.stream().map(r -> value(r).get("Confirmed").asLong()).toList())
                .hasSize(n + 1000 - bad.size()).doesNotHaveDuplicates().doesNotContainAnyElementsOf(bad);
        assertThat(all).as("origin.headers=false").allMatch(r -> r.headers().toArray().length == 0);
        Thread.sleep(1_000); // five more directory scans: the corrupt file is not retried while unchanged

        long read = (Long) mbs.getAttribute(name, "RowsRead");
        long accepted = (Long) mbs.getAttribute(name, "RowsAccepted");
        long rejected = (Long) mbs.getAttribute(name, "RowsRejected");
        assertThat(read).isEqualTo(n + 1000L);
        assertThat(rejected).isEqualTo(bad.size());
        assertThat(accepted + rejected).as("accepted + rejected = read").isEqualTo(read);
        assertThat((Long) mbs.getAttribute(name, "BytesRead")).isEqualTo(Files.size(bigFile) + Files.size(mixedFile));
        assertThat((Long) mbs.getAttribute(name, "FilesDone")).isEqualTo(2L);
        assertThat((Long) mbs.getAttribute(name, "FilesFailed")).isEqualTo(1L);
        assertThat(maxLag).as("poll lag while b-mixed and c-corrupt waited for a-big").isGreaterThanOrEqualTo(100L);
        assertThat((Long) mbs.getAttribute(name, "PollLagMs")).as("nothing waits any more").isZero();
        assertThat((Long) mbs.getAttribute(name, "HttpPolls")).isZero();
        connect.deleteConnector("metrics");
    }

    private static String jsonRow(long i) {
        return "{\"Date\":\"" + TestFeeds.date(i) + "\",\"Province\":\"" + TestFeeds.province(i).replace("\"", "\\\"")
                + "\",\"Confirmed\":" + i + ",\"Recovered\":" + (i / 2) + ",\"Deaths\":" + (i % 97) + ",\"NumberToday\":" + (i % 13) + "}";
    }

    /** JSON lines, a pretty-printed top-level array and gzip'd concatenated objects; a stop mid-gzip resumes exactly. */
    @Test
    void jsonLinesArraysConcatenatedObjectsAndGzipFilesAreReadAndAGzipResumesExactly() throws Exception {
        Path in = dir("json");
        StringBuilder lines = new StringBuilder();
        for (long i = 0; i < 1000; i++) {
            lines.append(jsonRow(i)).append('\n');
        }
        StringBuilder array = new StringBuilder("[\n");
        for (long i = 1000; i < 2000; i++) {
            array.append("  ").append(jsonRow(i)).append(i < 1999 ? ",\n" : "\n");
        }
        array.append("]\n");
        int total = 62_000;
        Path gz = in.resolve(".c-concatenated.json.gz.tmp");
        try (var out = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz)),
                java.nio.charset.StandardCharsets.UTF_8)) {
            for (long i = 2000; i < total; i++) {
                out.write(jsonRow(i));
                out.write(i % 3 == 0 ? " " : "");
            }
        }
        TestFeeds.write(in.resolve("a-lines.json"), lines.toString());
        TestFeeds.write(in.resolve("b-array.json"), array.toString());
        Files.move(gz, in.resolve("c-concatenated.json.gz"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        String topic = "json";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> p = ConnectIT.props(topic, in.toString());
        p.put("input.format", "json");
        p.put("batch.size", "500");
        p.put("exactly.once.support", "required");
        p.put("transaction.boundary", "connector");
        p.put("transaction.per", "batch");
        try (CommittedTopic committed = new CommittedTopic(connect, topic)) {
            connect.configureConnector("json", p);
            long until = System.currentTimeMillis() + 60_000;
            long c = 0;
            while ((c = committed.catchUp().stream().filter(id -> id >= 2000).count()) < 10_000 && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            connect.stopConnector("json");
            connect.assertions().assertConnectorIsStopped("json", "not stopped");
            long atStop = committed.catchUp().stream().filter(id -> id >= 2000).distinct().count();
            connect.resumeConnector("json");
            List<Long> all = committed.awaitDistinct(total, 60_000, 1_500);
            assertThat(CommittedTopic.exactlyOnceReport(all, 0, total)).as("exactly once").isEmpty();
            assertThat(committed.contentMismatches()).isEmpty();
            assertThat(atStop).as("gzip rows committed when the connector stopped (mid-file)").isBetween(1L, total - 2001L);
        }
        connect.deleteConnector("json");
    }

    @Test
    void failPolicyFailsTheTaskNamingFileLineFieldAndValue() throws Exception {
        Path in = dir("fail");
        String csv = TestFeeds.csv(0, 10, true).replace(",3,1,", ",x3y,1,");
        Path file = TestFeeds.write(in.resolve("broken.csv"), csv);
        connect.kafka().createTopic("fail", 1);
        connect.configureConnector("failer", ConnectIT.props("fail", in.toString()));
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("failer", 1, "task should fail");
        String trace = connect.connectorStatus("failer").tasks().get(0).trace();
        assertThat(trace).contains(file.toString()).contains("line 5").contains("'Confirmed'").contains("'x3y'");
        connect.deleteConnector("failer");
    }

    @Test
    void tasksSplitFilesWithoutOverlapAndPickUpNewFiles() throws Exception {
        Path in = dir("split");
        for (int f = 0; f < 6; f++) {
            TestFeeds.write(in.resolve("part-" + f + ".csv"), TestFeeds.csv(f * 1000L, (f + 1) * 1000L, true));
        }
        connect.kafka().createTopic("split", 3);
        Map<String, String> p = ConnectIT.props("split", in.toString());
        p.put("tasks.max", "3");
        connect.configureConnector("splitter", p);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("splitter", 3, "3 tasks");
        assertExactlyOnce(settle("split", 6000), 0, 6000);
        for (int f = 6; f < 9; f++) {
            TestFeeds.write(in.resolve("part-" + f + ".csv"), TestFeeds.csv(f * 1000L, (f + 1) * 1000L, true));
        }
        assertExactlyOnce(settle("split", 9000), 0, 9000);
        connect.deleteConnector("splitter");
    }

    @Test
    void restValidationNamesTheBadFields() {
        Map<String, String> p = ConnectIT.props("x", tmp.resolve("nope").toString());
        p.put("name", "validated");
        p.put("schema", "Date DATE NOT NULL, Province STRANGE");
        p.put("input.format", "xml");
        p.put("batch.size", "0");
        ConfigInfos infos = connect.validateConnectorConfig("FeedSourceConnector", p);
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigInfo i : infos.values()) {
            if (!i.configValue().errors().isEmpty()) {
                errors.put(i.configValue().name(), i.configValue().errors());
            }
        }
        assertThat(errors).containsKeys("input.format", "batch.size");
        // Cross-field checks run once single values are valid.
        p.put("input.format", "csv");
        p.put("batch.size", "10");
        errors.clear();
        for (ConfigInfo i : connect.validateConnectorConfig("FeedSourceConnector", p).values()) {
            if (!i.configValue().errors().isEmpty()) {
                errors.put(i.configValue().name(), i.configValue().errors());
            }
        }
        assertThat(errors).containsOnlyKeys("input.path", "schema");
        assertThat(errors.get("schema").get(0)).contains("STRANGE");

        p.put("input.path", tmp.toString());
        p.put("schema", io.covidkafka.schema.RecordSchema.COVID_DDL);
        p.put("field.mapping", "prname:Provinz");
        ConfigInfos mapping = connect.validateConnectorConfig("FeedSourceConnector", p);
        assertThat(mapping.errorCount()).isEqualTo(1);
        assertThat(mapping.values().stream().filter(i -> i.configValue().name().equals("field.mapping"))
                .findFirst().orElseThrow().configValue().errors().get(0)).contains("Provinz");
    }

    @Test
    void alterOffsetsValidatesAndNullResetsReadsAgain() throws Exception {
        Path in = dir("alter");
        Path file = TestFeeds.write(in.resolve("a.csv"), TestFeeds.csv(0, 100, true));
        connect.kafka().createTopic("alter", 1);
        connect.configureConnector("alter", ConnectIT.props("alter", in.toString()));
        assertExactlyOnce(settle("alter", 100), 0, 100);
        connect.stopConnector("alter");
        connect.assertions().assertConnectorIsStopped("alter", "not stopped");
        var offsets = connect.connectorOffsets("alter").offsets();
        assertThat(offsets).hasSize(1);
        assertThat(offsets.get(0).partition().get("file")).isEqualTo(file.toString());
        assertThat(((Number) offsets.get(0).offset().get("position")).longValue()).isEqualTo((long) TestFeeds.csv(0, 100, true).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                connect.alterSourceConnectorOffset("alter", Map.of("file", file.toString()), Map.of("position", "x")))
                .hasMessageContaining("position");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                connect.alterSourceConnectorOffset("alter", Map.of("path", file.toString()), Map.of("position", 0)))
                .hasMessageContaining("Bad source partition");

        connect.resetConnectorOffsets("alter");
        connect.resumeConnector("alter");
        List<ConsumerRecord<byte[], byte[]>> all = settle("alter", 200);
        assertThat(all).hasSize(200);
        connect.deleteConnector("alter");
    }
}
