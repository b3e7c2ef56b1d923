package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * NOT run in CI (enabled only with {@code -Dcovidkafka.memory.gb=<size>}; see {@code connector/memory-run.sh}):
 * streams a generated CSV of that many GiB through a stock standalone worker in its own JVM with a small heap
 * ({@code -Dcovidkafka.memory.xmx}, default 256m), the plugin from its zip on plugin.path, the broker in this JVM.
 * The worker process can be wrapped ({@code -Dcovidkafka.memory.wrapper="/usr/bin/time -v"}) to measure its peak
 * memory from outside (its figures land in {@code worker.log}, the worker's own table in {@code worker-report.txt});{@code -Dcovidkafka.memory.producer.buffer=<bytes>} sets the connector's
 * {@code producer.override.buffer.memory}. Output (the worker's heap-after-GC table and summary, the wrapper's figures) goes to
 * {@code connector/target/memory-run/worker.log}; the generated file is kept there for the next run.
 */
@EnabledIfSystemProperty(named = "covidkafka.memory.gb", matches = "[0-9.]+")
class LargeFileMemoryIT {

    @Test
    void aLargeCsvStreamsThroughAWorkerWithASmallHeap() throws Exception {
        double gib = Double.parseDouble(System.getProperty("covidkafka.memory.gb"));
        String xmx = System.getProperty("covidkafka.memory.xmx", "256m");
        String wrapper = System.getProperty("covidkafka.memory.wrapper", "");
        Path dir = Files.createDirectories(Path.of("target", "memory-run").toAbsolutePath());
        Path in = Files.createDirectories(dir.resolve("in"));
        Path csv = in.resolve("big-" + System.getProperty("covidkafka.memory.gb") + "g.csv");
        long rows = generate(csv, (long) (gib * (1L << 30)));
        long bytes = Files.size(csv);
        System.out.printf("input %s: %d bytes, %d rows%n", csv, bytes, rows);

        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder()
                .brokerProperty("log.retention.check.interval.ms", "5000").build().start()) {
            // Bounded retention: the broker keeps about 256 MB of the topic, however big the input.
            kafka.createTopic("memory", 1, Map.of("retention.bytes", "268435456", "segment.bytes", "67108864"));
            Path plugins = dir.resolve("plugins");
            deleteRecursively(plugins);
            StandaloneWorkerProcess.unzip(StandaloneWorkerProcess.pluginZip(), Files.createDirectories(plugins));

            Map<String, String> worker = ConfigFilesTest.loadProperties(ConfigFilesTest.configDir().resolve("connect-standalone.properties"));
            worker.put("bootstrap.servers", kafka.bootstrapServers());
            worker.put("plugin.path", plugins.toString());
            worker.put("offset.storage.file.filename", dir.resolve("offsets").toString());
            worker.put("listeners", "http://127.0.0.1:0");
            Map<String, String> connector = new HashMap<>();
            connector.put("name", "memory");
            connector.put("connector.class", "io.covidkafka.connect.FeedSourceConnector");
            connector.put("tasks.max", "1");
            connector.put("topic", "memory");
            connector.put("input.path", in.toString());
            connector.put("input.pattern", csv.getFileName().toString());
            connector.put("file.min.age.ms", "0");
            connector.put("poll.interval.ms", "500");
            connector.put("key.fields", "Province,Date");
            connector.put("value.converter", "io.covidkafka.connect.CanonicalJsonConverter");
            connector.put("key.converter", "io.covidkafka.connect.CanonicalJsonConverter");
            connector.put("key.converter.schema", "Province STRING NOT NULL, Date DATE NOT NULL");
            String producerBuffer = System.getProperty("covidkafka.memory.producer.buffer", "");
            if (!producerBuffer.isBlank()) {
                // Every record in flight to the broker costs ~2 KB of heap in the Connect runtime (the SourceRecord
                // is kept for its callback): the producer's buffer.memory bounds how many are in flight.
                connector.put("producer.override.buffer.memory", producerBuffer);
            }
            Path workerFile = dir.resolve("worker.properties");
            Path connectorFile = dir.resolve("memory.properties");
            StandaloneWorkerProcess.writeProperties(workerFile, worker);
            StandaloneWorkerProcess.writeProperties(connectorFile, connector);

            List<String> wrap = wrapper.isBlank() ? List.of() : Arrays.asList(wrapper.trim().split("\\s+"));
            List<String> jvm = List.of("-Xms" + xmx, "-Xmx" + xmx, "-XX:+UseG1GC");
            List<String> testClasses = List.of(Path.of("target", "test-classes").toAbsolutePath().toString());
            Files.deleteIfExists(dir.resolve("worker-report.txt"));
            long started = System.currentTimeMillis();
            int exit;
            String log;
            try (StandaloneWorkerProcess w = StandaloneWorkerProcess.start(dir, wrap, jvm, testClasses,
                    WorkerUntilDone.class.getName(), List.of(workerFile.toString(), connectorFile.toString(), Long.toString(bytes)))) {
                exit = w.waitFor(3_600_000);
                log = w.logText();
            }
            String report = Files.exists(dir.resolve("worker-report.txt")) ? Files.readString(dir.resolve("worker-report.txt")) : "";
            System.out.println(log);
            System.out.println(report);
            System.out.printf("worker process(es) ran %.1f s%n", (System.currentTimeMillis() - started) / 1e3);
            assertThat(exit).as("worker exit status; log in " + dir.resolve("worker.log")).isZero();
            long runs = report.lines().filter(l -> l.startsWith("DONE ")).count();
            assertThat(runs).as("completed runs").isPositive();
            assertThat(report).contains("DONE rows=" + rows + " ");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                TopicPartition tp = new TopicPartition("memory", 0);
                long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
                assertThat(end).as("records in the topic after %d run(s)", runs).isEqualTo(runs * rows);
            }
        }
    }

    /** Writes {@link TestFeeds} rows until the file holds at least {@code size} bytes (once; reused later). */
    private static long generate(Path csv, long size) throws IOException {
        Path count = csv.resolveSibling("." + csv.getFileName() + ".rows");
        if (Files.exists(csv) && Files.exists(count)) {
            return Long.parseLong(Files.readString(count).trim());
        }
        Path tmp = csv.resolveSibling("." + csv.getFileName() + ".tmp");
        long rows = 0;
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(TestFeeds.HEADER);
            while (written < size) {
                String row = TestFeeds.row(rows++);
                w.write("\r\n");
                w.write(row);
                written += row.getBytes(StandardCharsets.UTF_8).length + 2;
            }
        }
        Files.move(tmp, csv, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(count, Long.toString(rows));
        return rows;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path x : all) {
                Files.delete(x);
            }
        }
    }
}
