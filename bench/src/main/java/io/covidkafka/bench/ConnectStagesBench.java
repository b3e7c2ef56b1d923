package io.covidkafka.bench;

import io.covidkafka.connect.CanonicalJsonConverter;
import io.covidkafka.connect.FeedSourceConnector;
import io.covidkafka.connect.FeedSourceTask;
import io.covidkafka.connect.TextHeaderConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.file.FileStreamSourceTask;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a connector's time goes, one thread, no broker: each source task is driven through {@code poll()} the way
 * the worker drives it, and then (second variant of each) its records are converted to bytes the way the worker
 * does before handing them to the producer (value converter, header converter). The difference between the two
 * is the worker's per-record conversion cost, which the connector's record shape (Struct, headers) decides.
 */
@Command(name = "connector-stages", mixinStandardHelpOptions = true,
        description = "Source task poll() and the worker's conversions, per record, without Kafka (profiling aid).")
final class ConnectStagesBench implements Callable<Integer> {

    static final String OURS_POLL = "FeedSourceTask.poll";
    static final String OURS_CONVERTED = "FeedSourceTask.poll + JsonConverter + SimpleHeaderConverter";
    static final String OURS_NO_HEADERS = "FeedSourceTask.poll + JsonConverter (headers not converted)";
    static final String OURS_CANONICAL = "FeedSourceTask.poll + CanonicalJsonConverter + SimpleHeaderConverter";
    static final String OURS_READY = "FeedSourceTask.poll + CanonicalJsonConverter + TextHeaderConverter";
    static final String FILE_POLL = "FileStreamSourceTask.poll";
    static final String FILE_CONVERTED = "FileStreamSourceTask.poll + StringConverter";

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the CSV (default ${DEFAULT-VALUE}).")
    long rows;

    @Mixin
    RunOptions run;

    private Path csv;
    private Path dir;

    @Override
    public Integer call() throws Exception {
        RunOptions.printHeader("connector-stages", rows, run);
        Path work = Files.createTempDirectory("covid-bench-stages");
        try {
            csv = PhacData.load().writeCsvFile(work, rows);
            dir = work;
            List<Variant> variants = List.of(
                    Variant.of(OURS_POLL, r -> drive(ours(), false, false)),
                    Variant.of(OURS_CONVERTED, r -> drive(ours(), true, true)),
                    Variant.of(OURS_NO_HEADERS, r -> drive(ours(), true, false)),
                    Variant.of(OURS_CANONICAL, r -> drive(ours(canonical()), true, true)),
                    Variant.of(OURS_READY, r -> drive(ours(canonical()), true, true, new TextHeaderConverter())),
                    Variant.of(FILE_POLL, r -> drive(fileStream(), false, false)),
                    Variant.of(FILE_CONVERTED, r -> drive(fileStream(), true, true)));
            Rounds rounds = new Rounds(run.select(variants), run.warmup, run.repeats, System.out).run();
            rounds.printTable();
            rounds.printRatio(OURS_CONVERTED, OURS_POLL, null);
            rounds.printRatio(OURS_CONVERTED, FILE_CONVERTED, null);
            rounds.printRatio(OURS_CANONICAL, OURS_CONVERTED, null);
            rounds.printRatio(OURS_READY, OURS_CANONICAL, null);
            System.out.println("load average at end: " + RunOptions.loadAverage());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private record Setup(SourceTask task, Map<String, String> props, Converter value) {
    }

    private Setup ours() {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        return ours(json);
    }

    private static Converter canonical() {
        CanonicalJsonConverter c = new CanonicalJsonConverter();
        c.configure(Map.of(), false);
        return c;
    }

    private Setup ours(Converter value) {
        Map<String, String> c = new HashMap<>();
        c.put("name", "stages");
        c.put("topic", "t");
        c.put("input.path", dir.toString());
        c.put("input.pattern", "*.csv");
        c.put("field.mapping", "phac");
        c.put("poll.interval.ms", "10");
        c.put("file.min.age.ms", "0");
        FeedSourceConnector connector = new FeedSourceConnector();
        connector.start(c);
        Map<String, String> task = connector.taskConfigs(1).get(0);
        connector.stop();
        return new Setup(new FeedSourceTask(), task, value);
    }

    private Setup fileStream() {
        Map<String, String> c = new HashMap<>();
        c.put("name", "stages");
        c.put("topic", "t");
        c.put(FileStreamSourceConnector.FILE_CONFIG, csv.toString());
        FileStreamSourceConnector connector = new FileStreamSourceConnector();
        connector.start(c);
        Map<String, String> task = connector.taskConfigs(1).get(0);
        connector.stop();
        StringConverter string = new StringConverter();
        string.configure(Map.of(), false);
        return new Setup(new FileStreamSourceTask(), task, string);
    }

    /** Polls until the file's rows are all out (FileStreamSource also sends the header line). */
    private Trial drive(Setup s, boolean convert, boolean headers) throws Exception {
        return drive(s, convert, headers, new SimpleHeaderConverter());
    }

    private Trial drive(Setup s, boolean convert, boolean headers, HeaderConverter headerConverter) throws Exception {
        headerConverter.configure(Map.of());
        s.task.initialize(new NoOffsets());
        s.task.start(s.props);
        long expected = s.task instanceof FileStreamSourceTask ? rows + 1 : rows;
        long n = 0;
        long bytes = 0;
        long t0 = System.nanoTime();
        long idleSince = 0;
        try {
            while (n < expected) {
                List<SourceRecord> batch = s.task.poll();
                if (batch == null || batch.isEmpty()) {
                    idleSince = idleSince == 0 ? System.nanoTime() : idleSince;
                    if (System.nanoTime() - idleSince > 10_000_000_000L) {
                        break; // FileStreamSource strands its last line; stop after 10 s without records
                    }
                    continue;
                }
                idleSince = 0;
                for (SourceRecord r : batch) {
                    if (convert) {
                        byte[] v = s.value.fromConnectData(r.topic(), r.valueSchema(), r.value());
                        bytes += v.length;
                        if (headers) {
                            for (Header h : r.headers()) {
                                byte[] hb = headerConverter.fromConnectHeader(r.topic(), h.key(), h.schema(), h.value());
                                bytes += hb.length;
                            }
                        }
                    }
                    n++;
                }
                s.task.commit();
            }
        } finally {
            s.task.stop();
        }
        long nanos = System.nanoTime() - t0 - (idleSince == 0 ? 0 : System.nanoTime() - idleSince);
        return new Trial(n, nanos, bytes == 0 ? "" : String.format("[%,d bytes converted]", bytes));
    }

    /** A task context with nothing stored: every source starts from its beginning. */
    private static final class NoOffsets implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return null;
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    return Map.of();
                }
            };
        }
    }
}
