package io.covidkafka.examples;

import io.covidkafka.schema.CanonicalJsonWriter;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.Rejection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The CSV producer of the tutorials, typed: reads a CSV feed (the PHAC file by default mapping), checks every row
 * against the schema, and sends each accepted row to Kafka as the canonical JSON that {@code format("covid-kafka")}
 * reads, keyed by Province. Rejected rows are reported with their line and reason, never sent.
 *
 * <p>No Spark here: a plain Kafka producer, paced by {@code --rows-per-second} so a consumer can watch rows arrive.
 */
@Command(name = "csv-producer", mixinStandardHelpOptions = true,
        description = "Sends the rows of a CSV feed to a Kafka topic as typed covid records (canonical JSON).")
public class CsvProducer implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "covid", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--file", required = true, description = "The CSV file (with a header row).")
    Path file;

    @Option(names = "--mapping", defaultValue = "phac",
            description = "CSV column to field mapping: phac, or src:Field,... (default: ${DEFAULT-VALUE}).")
    String mapping;

    @Option(names = "--rows-per-second", defaultValue = "0",
            description = "Pace the rows; 0 sends as fast as the broker takes them (default: ${DEFAULT-VALUE}).")
    double rowsPerSecond;

    @Option(names = "--after", description = "Send only rows dated after this day (yyyy-MM-dd): new rows beyond "
            + "what a consumer already has.")
    java.time.LocalDate after;

    @Option(names = "--in-date-order", description = "Send the rows sorted by Date (stable), for feeds stored "
            + "province by province; holds the accepted rows in memory until sent.")
    boolean inDateOrder;

    /** Where the summary and the rejections are printed (the tests read it). */
    PrintStream out = System.out;

    long sent;
    long rejected;

    @Override
    public Integer call() throws Exception {
        RecordSchema schema = RecordSchema.covid();
        int province = schema.indexOf("Province");
        ParseOptions options = ParseOptions.builder().schema(schema).mapping(mapping).build();
        CanonicalJsonWriter json = new CanonicalJsonWriter(schema);
        KeyCapture key = new KeyCapture(json, province, schema.indexOf("Date"));
        long afterDay = after == null ? Long.MIN_VALUE : after.toEpochDay();
        java.util.List<Pending> held = new java.util.ArrayList<>();
        long startNanos = System.nanoTime();
        try (InputStream in = Files.newInputStream(file);
             FeedReader reader = FeedReader.open(in, options);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                     ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000",
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            while (reader.next(key)) {
                Rejection r = reader.rejection();
                if (r != null) {
                    rejected++;
                    out.println("rejected line " + reader.recordLine() + ": " + r.message());
                    continue;
                }
                if (key.epochDay <= afterDay) {
                    continue;
                }
                if (inDateOrder) {
                    held.add(new Pending(key.epochDay, key.key(), json.toBytes()));
                } else {
                    send(producer, key.key(), json.toBytes(), startNanos);
                }
            }
            held.sort(java.util.Comparator.comparingLong(Pending::epochDay));
            for (Pending p : held) {
                send(producer, p.key(), p.value(), startNanos);
            }
            producer.flush();
        }
        out.println("sent " + sent + " rows to " + topic + ", rejected " + rejected);
        return 0;
    }

    private void send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value, long startNanos)
            throws InterruptedException {
        producer.send(new ProducerRecord<>(topic, key, value));
        sent++;
        pace(startNanos);
    }

    private record Pending(long epochDay, byte[] key, byte[] value) {
    }

    /** Sleeps until row number {@link #sent} is due at the requested rate. */
    private void pace(long startNanos) throws InterruptedException {
        if (rowsPerSecond <= 0) {
            return;
        }
        long dueNanos = startNanos + (long) (sent * 1_000_000_000L / rowsPerSecond);
        long waitMillis = (dueNanos - System.nanoTime()) / 1_000_000L;
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }

    /** Passes every value to the JSON writer, keeping the Province text as the record key and the row's day. */
    private static final class KeyCapture implements io.covidkafka.schema.RowWriter {
        private final CanonicalJsonWriter json;
        private final int keyField;
        private final int dateField;
        private String key;
        long epochDay;

        KeyCapture(CanonicalJsonWriter json, int keyField, int dateField) {
            this.json = json;
            this.keyField = keyField;
            this.dateField = dateField;
        }

        byte[] key() {
            return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void begin() {
            key = null;
            json.begin();
        }

        @Override
        public void setNull(int i) {
            json.setNull(i);
        }

        @Override
        public void setString(int i, char[] buf, int off, int len) {
            if (i == keyField) {
                key = new String(buf, off, len);
            }
            json.setString(i, buf, off, len);
        }

        @Override
        public void setInt(int i, int v) {
            json.setInt(i, v);
        }

        @Override
        public void setLong(int i, long v) {
            json.setLong(i, v);
        }

        @Override
        public void setDouble(int i, double v) {
            json.setDouble(i, v);
        }

        @Override
        public void setBoolean(int i, boolean v) {
            json.setBoolean(i, v);
        }

        @Override
        public void setDecimal(int i, java.math.BigDecimal v) {
            json.setDecimal(i, v);
        }

        @Override
        public void setDate(int i, int epochDay) {
            if (i == dateField) {
                this.epochDay = epochDay;
            }
            json.setDate(i, epochDay);
        }

        @Override
        public void setTimestamp(int i, long epochMicros) {
            json.setTimestamp(i, epochMicros);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CsvProducer()).execute(args));
    }
}
