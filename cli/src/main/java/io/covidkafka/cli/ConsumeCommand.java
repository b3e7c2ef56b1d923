package io.covidkafka.cli;

import io.covidkafka.schema.CanonicalJsonWriter;
import io.covidkafka.schema.DataType;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.Rejection;
import io.covidkafka.schema.SchemaField;
import io.covidkafka.schema.TypedRow;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code covid-kafka consume}: the console consumer of the tutorials, printing typed rows. Each value is parsed by
 * the schema core exactly as {@code format("covid-kafka")} would; rows that do not fit the schema are reported
 * with their partition, offset and reason instead of being printed as garbage.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the records of a Kafka topic as typed rows (a table, or canonical JSON lines).",
                "Values are JSON by default (what the connector and the datasource write); --format csv for CSV values."})
final class ConsumeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "kafka://BOOTSTRAP/TOPIC", description = "The topic to read.")
    String from;

    @Option(names = "--from-beginning", description = "Start at the earliest record (default: only records that arrive from now on).")
    boolean fromBeginning;

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    Long maxRecords;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DemoCommand.DurationConverter.class,
            description = "Stop when no record arrived for this long (default: run until Ctrl-C).")
    Duration idleTimeout;

    @Option(names = "--output", paramLabel = "table|json", defaultValue = "table", description = "Row format (default ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--group", paramLabel = "ID", description = "Consumer group to join and commit to (default: none, nothing committed).")
    String group;

    @Mixin
    FeedSettings feed;

    @Mixin
    KafkaClientSettings kafka;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaTarget source = KafkaTarget.parse("--from", from);
        if (!output.equals("table") && !output.equals("json")) {
            throw new UsageException("--output: expected table or json, was '" + output + "'");
        }
        if (feed.format == null && feed.config == null) {
            feed.format = "json"; // what every covid-kafka component writes
        }
        ParseOptions options = feed.toParseOptions(null);
        RecordSchema schema = options.schema();
        RecordParser parser = RecordParser.create(options);
        kafka.checkReachable(source.bootstrapServers());

        Map<String, Object> props = kafka.clientProperties(source.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        }
        long shown = 0;
        long rejected = 0;
        TypedRow row = new TypedRow(schema);
        CanonicalJsonWriter json = new CanonicalJsonWriter(schema);
        Table table = new Table(schema);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            subscribe(consumer, source.topic());
            if (output.equals("table")) {
                table.header(out);
            }
            long lastRecord = System.nanoTime();
            while (maxRecords == null || shown + rejected < maxRecords) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    if (idleTimeout != null && System.nanoTime() - lastRecord > idleTimeout.toNanos()) {
                        break;
                    }
                    continue;
                }
                lastRecord = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (maxRecords != null && shown + rejected >= maxRecords) {
                        break;
                    }
                    byte[] v = r.value();
                    Rejection rejection = v == null
                            ? null : parser.parse(v, 0, v.length, row);
                    if (v == null || rejection != null) {
                        rejected++;
                        err.printf("partition %d offset %d: %s%n", r.partition(), r.offset(),
                                v == null ? "null value (tombstone)" : rejection.message());
                        continue;
                    }
                    shown++;
                    if (output.equals("table")) {
                        table.row(out, row.values());
                    } else {
                        row.writeTo(json);
                        out.println(json);
                    }
                }
                out.flush();
            }
            if (group != null) {
                consumer.commitSync();
            }
        }
        err.printf("%d rows, %d records rejected by the schema%n", shown, rejected);
        err.flush();
        return rejected == 0 ? 0 : 1;
    }

    private void subscribe(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        if (group != null) {
            consumer.subscribe(List.of(topic));
            return;
        }
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, kafka.connectTimeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new UsageException("--from: topic '" + topic + "' does not exist");
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(tps);
        if (fromBeginning) {
            consumer.seekToBeginning(tps);
        } else {
            consumer.seekToEnd(tps);
        }
    }

    /** Fixed-width columns sized by field name and type. */
    private static final class Table {
        private final RecordSchema schema;
        private final int[] widths;

        Table(RecordSchema schema) {
            this.schema = schema;
            this.widths = new int[schema.size()];
            for (int i = 0; i < widths.length; i++) {
                SchemaField f = schema.fields().get(i);
                widths[i] = Math.max(f.name().length(), width(f.type()));
            }
        }

        private static int width(DataType t) {
            return switch (t.kind()) {
                case BOOLEAN -> 5;
                case INT, DATE -> 10;
                case BIGINT, DOUBLE, DECIMAL -> 12;
                case TIMESTAMP -> 27;
                case STRING -> 24;
            };
        }

        void header(PrintWriter out) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                cell(line, schema.fields().get(i).name(), i);
            }
            out.println(line.toString().stripTrailing());
            out.println("-".repeat(line.toString().stripTrailing().length()));
        }

        void row(PrintWriter out, Object[] values) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                Object v = values[i];
                cell(line, v == null ? "null" : v instanceof java.math.BigDecimal b ? b.toPlainString() : v.toString(), i);
            }
            out.println(line.toString().stripTrailing());
        }

        private void cell(StringBuilder line, String text, int i) {
            boolean number = switch (schema.fields().get(i).type().kind()) {
                case INT, BIGINT, DOUBLE, DECIMAL -> true;
                default -> false;
            };
            String fitted = text.length() > widths[i] ? text.substring(0, widths[i] - 1) + "…" : text;
            line.append(number ? " ".repeat(widths[i] - fitted.length()) + fitted : fitted + " ".repeat(widths[i] - fitted.length()));
            line.append("  ");
        }
    }
}
