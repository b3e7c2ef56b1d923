package io.covidkafka.bench;

import io.covidkafka.connect.CanonicalJsonConverter;
import io.covidkafka.connect.FeedSourceConnector;
import io.covidkafka.connect.TextHeaderConverter;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The connector against Kafka's FileStreamSource in the same standalone Connect worker (in-process, against an
 * in-process KRaft broker), on the same generated CSV (the PHAC file replicated), and a plain KafkaProducer sending
 * the same CSV lines as the ceiling. jcustenborder's spooldir would be the third: it is not published to Maven
 * Central, the only registry here, so it cannot be run (said in the output).
 */
@Command(name = "connector", mixinStandardHelpOptions = true,
        description = "FeedSourceConnector vs FileStreamSource in one standalone worker, KafkaProducer as ceiling.")
final class ConnectorBench implements Callable<Integer> {

    static final String OURS = "covid-kafka FeedSourceConnector (JsonConverter)";
    static final String OURS_CANONICAL = "covid-kafka FeedSourceConnector (config/: CanonicalJson + TextHeader converters)";
    static final String OURS_NO_HEADERS = "covid-kafka FeedSourceConnector (config/ + origin.headers=false)";
    static final String FILE_STREAM = "Kafka FileStreamSource";
    static final String CONNECT_CEILING = "Connect ceiling: in-memory lines task (no parsing)";
    static final String PRODUCER = "KafkaProducer (same CSV lines, in memory)";

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the CSV (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--tasks", defaultValue = "1",
            description = "tasks.max of OUR connector; the rows are then split into that many files, one per task "
                    + "(FileStreamSource reads one file with one task by design). Default ${DEFAULT-VALUE}.")
    int tasks;

    @Option(names = "--worker", description = "Extra Connect worker property, e.g. --worker producer.linger.ms=5 (repeatable).")
    Map<String, String> workerOverrides = new HashMap<>();

    @Option(names = "--producer", description = "Property of the ceiling's KafkaProducer, e.g. --producer linger.ms=5 (repeatable).")
    Map<String, String> producerOverrides = new HashMap<>();

    @Option(names = "--stall-ms", defaultValue = "5000",
            description = "A run ends when the topic has not grown for this long after 99% of the rows (default ${DEFAULT-VALUE}).")
    long stallMs;

    @Mixin
    RunOptions run;

    private EmbeddedKafkaBroker broker;
    private Connect<StandaloneHerder> connect;
    private TopicCounter counter;
    private Path csv;
    private Path inputDir;
    private List<byte[]> lines;

    @Override
    public Integer call() throws Exception {
        RunOptions.printHeader("connector", rows, run);
        System.out.println("spooldir (com.github.jcustenborder.kafka.connect:kafka-connect-spooldir): not in Maven "
                + "Central, the only registry reachable here; not run.");
        Path work = Files.createTempDirectory("covid-bench-connect");
        inputDir = work.resolve("input");
        PhacData phac = PhacData.load();
        csv = phac.writeCsvFile(work, rows);
        System.out.printf("CSV %s: %,d bytes%n", csv, Files.size(csv));
        writeTaskFiles(phac);
        broker = EmbeddedKafkaBroker.builder().defaultPartitions(partitions).build();
        broker.start();
        counter = new TopicCounter(broker.bootstrapServers());
        connect = startWorker(work);
        System.out.println("our connector: tasks.max=" + tasks + " over " + tasks + " file(s); worker properties: "
                + workerOverrides + "; ceiling producer properties: " + producerOverrides);
        try {
            List<Variant> variants = List.of(
                    Variant.of(OURS, r -> runConnector(r, "feed", oursConfig(JsonConverter.class.getName()))),
                    Variant.of(OURS_CANONICAL, r -> runConnector(r, "feed-canonical", readyConfig())),
                    Variant.of(OURS_NO_HEADERS, r -> runConnector(r, "feed-no-headers", withoutOriginHeaders(readyConfig()))),
                    Variant.of(FILE_STREAM, r -> runConnector(r, "filestream", fileStreamConfig())),
                    Variant.of(CONNECT_CEILING, this::runMemoryConnector),
                    Variant.of(PRODUCER, this::runProducer));
            Rounds rounds = new Rounds(run.select(variants), run.warmup, run.repeats, System.out).run();
            rounds.printTable();
            rounds.printRatio(OURS, FILE_STREAM, null);
            rounds.printRatio(OURS_CANONICAL, FILE_STREAM, null);
            rounds.printRatio(CONNECT_CEILING, PRODUCER, null);
            rounds.printRatio(OURS_NO_HEADERS, OURS_CANONICAL, null);
            rounds.printRatio(OURS_NO_HEADERS, PRODUCER, 0.60);
            rounds.printRatio(OURS_CANONICAL, CONNECT_CEILING, null);
            rounds.printRatio(OURS, PRODUCER, 0.60);
            rounds.printRatio(OURS_CANONICAL, PRODUCER, 0.60);
            System.out.println("ratio vs spooldir (target >= 2.00): not measured, spooldir is not in Maven Central");
            System.out.println("load average at end: " + RunOptions.loadAverage());
        } finally {
            connect.stop();
            connect.awaitStop();
            counter.close();
            broker.close();
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /**
     * The same rows for our connector: the file itself (one task), or {@code tasks} files of consecutive rows, named
     * so that each task owns exactly one (tasks own files by name hash modulo the task count).
     */
    private void writeTaskFiles(PhacData phac) throws java.io.IOException {
        Files.createDirectories(inputDir);
        if (tasks == 1) {
            Files.createLink(inputDir.resolve(csv.getFileName()), csv);
            return;
        }
        boolean[] owned = new boolean[tasks];
        long from = 0;
        int suffix = 0;
        for (int t = 0; t < tasks; t++) {
            String name;
            int owner;
            do {
                name = "phac-part-" + suffix++ + ".csv";
                owner = Math.floorMod(name.hashCode(), tasks);
            } while (owned[owner]);
            owned[owner] = true;
            long to = rows * (t + 1) / tasks;
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(
                    Files.newOutputStream(inputDir.resolve(name)), 1 << 16)) {
                out.write(phac.header);
                for (long i = from; i < to; i++) {
                    out.write(phac.line(i));
                }
            }
            from = to;
        }
    }

    private Connect<StandaloneHerder> startWorker(Path work) {
        Map<String, String> w = new HashMap<>();
        w.put("bootstrap.servers", broker.bootstrapServers());
        w.put("offset.storage.file.filename", work.resolve("connect.offsets").toString());
        w.put("listeners", "http://127.0.0.1:0");
        w.put("plugin.discovery", "service_load");
        w.put("key.converter", JsonConverter.class.getName());
        w.put("value.converter", JsonConverter.class.getName());
        w.putAll(workerOverrides);
        return new ConnectStandalone().startConnect(w);
    }

    /** Our connector as configured in the benchmark; {@code valueConverter}: Kafka's JsonConverter or ours. */
    private Map<String, String> oursConfig(String valueConverter) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", FeedSourceConnector.class.getName());
        c.put("tasks.max", Integer.toString(tasks));
        c.put("input.path", inputDir.toString());
        c.put("input.pattern", "*.csv");
        c.put("field.mapping", "phac");
        c.put("poll.interval.ms", "100");
        c.put("file.min.age.ms", "0");
        c.put("row.errors.policy", "fail"); // every PHAC row is valid: a rejection would fail the run loudly
        c.put("value.converter", valueConverter);
        c.put("value.converter.schemas.enable", "false"); // JsonConverter's; CanonicalJsonConverter ignores it
        c.put("key.converter", StringConverter.class.getName());
        return c;
    }

    /** Connect's own ceiling: a task sending the in-memory lines as bytes (see {@link MemoryLinesConnector}). */
    private Trial runMemoryConnector(int round) throws Exception {
        MemoryLinesConnector.lines = lines();
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MemoryLinesConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("value.converter", ByteArrayConverter.class.getName());
        c.put("key.converter", ByteArrayConverter.class.getName());
        return runConnector(round, "memory", c);
    }

    /** Our connector with the converters of the ready configs in config/ (canonical JSON values, text headers). */
    private Map<String, String> readyConfig() {
        Map<String, String> c = oursConfig(CanonicalJsonConverter.class.getName());
        c.put("header.converter", TextHeaderConverter.class.getName());
        return c;
    }

    private static Map<String, String> withoutOriginHeaders(Map<String, String> c) {
        c.put("origin.headers", "false");
        return c;
    }

    private Map<String, String> fileStreamConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", FileStreamSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put(FileStreamSourceConnector.FILE_CONFIG, csv.toString());
        c.put("value.converter", StringConverter.class.getName());
        c.put("key.converter", StringConverter.class.getName());
        return c;
    }

    private Trial runConnector(int round, String kind, Map<String, String> config) throws Exception {
        String name = kind + "-" + round;
        String topic = "bench-" + name;
        broker.createTopic(topic, partitions);
        config.put("topic", topic);
        config.put("name", name);
        long t0 = System.nanoTime();
        FutureCallback<org.apache.kafka.connect.runtime.Herder.Created<
                org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, config, false, created);
        created.get(60, TimeUnit.SECONDS);
        // FileStreamSource sends the header line too: it is a line of the file
        long expected = kind.equals("filestream") ? rows + 1 : rows;
        TopicCounter.Progress p = counter.await(topic, expected, 20, stallMs, 0.99, 120_000);
        FutureCallback<org.apache.kafka.connect.runtime.Herder.Created<
                org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo>> deleted = new FutureCallback<>();
        connect.herder().deleteConnectorConfig(name, deleted);
        deleted.get(60, TimeUnit.SECONDS);
        broker.deleteTopic(topic);
        String note = String.format("[create->last %.2f s%s]", (p.lastAtNanos() - t0) / 1e9,
                p.count() < expected ? String.format(", %,d of %,d rows arrived", p.count(), expected) : "");
        return p.trial(note);
    }

    /** The file's data lines (CR/LF stripped, as FileStreamSource sends them), read once, before any timing. */
    private List<byte[]> lines() throws java.io.IOException {
        if (lines == null) {
            lines = new java.util.ArrayList<>((int) rows);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
                LineSplitter split = new LineSplitter(in);
                split.next(); // header
                byte[] line;
                while ((line = split.next()) != null) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private Trial runProducer(int round) throws Exception {
        String topic = "bench-producer-" + round;
        broker.createTopic(topic, partitions);
        List<byte[]> data = lines();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        // the best a plain producer does here: the batching covid-kafka's Spark writer uses (override with --producer)
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"); // as the worker's producers (see SparkKafka)
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(producerOverrides);
        long sent = 0;
        long t0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata before the clock starts, as the connectors' start-up is not timed
            t0 = System.nanoTime();
            SendErrors errors = new SendErrors();
            for (byte[] line : data) {
                producer.send(new ProducerRecord<>(topic, line), errors);
                sent++;
            }
            producer.flush();
            errors.check(topic);
        }
        Trial t = Trial.since(sent, t0);
        long count = counter.count(topic);
        broker.deleteTopic(topic);
        if (count != rows) {
            throw new IllegalStateException("producer: " + count + " records in the topic, expected " + rows);
        }
        return t;
    }
}
