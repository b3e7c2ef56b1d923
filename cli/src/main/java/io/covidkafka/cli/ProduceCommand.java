package io.covidkafka.cli;

import io.covidkafka.schema.CanonicalJsonWriter;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.Rejection;
import io.covidkafka.schema.TypedRow;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code covid-kafka produce}: the console producer of the tutorials, with the schema in front of it. Each record of
 * the inputs (files, globs, folders, URLs or stdin) is parsed by the schema core; accepted records are sent as the
 * canonical JSON every covid-kafka component reads, rejected ones are reported (or dead-lettered) and never sent.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends the records of CSV/JSON feeds to a Kafka topic as canonical JSON, after checking each against the schema.",
                "Reads standard input when no INPUT is given. Exit status: 0 all sent, 1 some rejected, 2 bad usage."})
final class ProduceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "kafka://BOOTSTRAP/TOPIC", description = "The topic to write.")
    String to;

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "Files, globs, folders or http(s) URLs; none or '-' for stdin.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--key-fields", paramLabel = "LIST", description = "Fields that make the record key (as CSV text), e.g. Province,Date.")
    String keyFields;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "Send rejected raw records here, with the reason in headers (default: only report them).")
    String deadLetterTopic;

    @Mixin
    FeedSettings feed;

    @Mixin
    KafkaClientSettings kafka;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaTarget target = KafkaTarget.parse("--to", to);
        boolean stdin = inputs.isEmpty() || inputs.equals(List.of("-"));
        List<FeedInput> feeds = stdin ? List.of() : FeedInput.expand(inputs);
        ParseOptions options = feed.toParseOptions(stdin ? null : feeds.get(0).name());
        RecordSchema schema = options.schema();
        int[] keys = keyIndexes(schema);
        kafka.checkReachable(target.bootstrapServers());

        Map<String, Object> props = kafka.clientProperties(target.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) kafka.connectTimeout.toMillis());
        long sent = 0;
        long rejected = 0;
        AtomicReference<Exception> sendError = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            TypedRow row = new TypedRow(schema);
            CanonicalJsonWriter json = new CanonicalJsonWriter(schema);
            for (FeedInput input : stdin ? List.of(new FeedInput("<stdin>", null, null)) : feeds) {
                try (InputStream in = input.file() == null && input.url() == null ? System.in : input.open();
                     FeedReader reader = FeedReader.open(in, options)) {
                    while (reader.next(row)) {
                        Rejection r = reader.rejection();
                        if (r != null) {
                            rejected++;
                            err.printf("%s:%d (byte %d): %s%n", input.name(), r.line(), r.byteOffset(), r.message());
                            if (deadLetterTopic != null) {
                                producer.send(deadLetter(input.name(), r, reader.raw()), (m, e) -> sendError.compareAndSet(null, e));
                            }
                            continue;
                        }
                        row.writeTo(json);
                        producer.send(new ProducerRecord<>(target.topic(), key(row, keys), json.toBytes()),
                                (m, e) -> sendError.compareAndSet(null, e));
                        sent++;
                        if (sendError.get() != null) {
                            break;
                        }
                    }
                }
            }
            producer.flush();
        }
        if (sendError.get() != null) {
            throw new IllegalStateException("sending to " + target.topic() + " failed: " + sendError.get().getMessage(), sendError.get());
        }
        out.printf("sent %d records to %s, rejected %d%s%n", sent, target.topic(), rejected,
                rejected > 0 && deadLetterTopic != null ? " (to " + deadLetterTopic + ")" : "");
        out.flush();
        return rejected == 0 ? 0 : 1;
    }

    private ProducerRecord<byte[], byte[]> deadLetter(String origin, Rejection r, byte[] raw) {
        // the connector's dead-letter headers: a record rejected here looks like one the connector rejected
        RecordHeaders h = new RecordHeaders();
        h.add("covidkafka.origin", origin.getBytes(StandardCharsets.UTF_8));
        h.add("covidkafka.line", Long.toString(r.line()).getBytes(StandardCharsets.UTF_8));
        h.add("covidkafka.offset", Long.toString(r.byteOffset()).getBytes(StandardCharsets.UTF_8));
        h.add("covidkafka.error.reason", r.reason().name().getBytes(StandardCharsets.UTF_8));
        if (r.field() != null) {
            h.add("covidkafka.error.field", r.field().getBytes(StandardCharsets.UTF_8));
        }
        h.add("covidkafka.error.message", r.message().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(deadLetterTopic, null, (byte[]) null, raw, h);
    }

    private int[] keyIndexes(RecordSchema schema) {
        if (keyFields == null) {
            return new int[0];
        }
        List<String> names = io.covidkafka.schema.ParseOptions.splitList(keyFields);
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = schema.indexOf(names.get(i));
            if (idx[i] < 0) {
                throw new UsageException("--key-fields: no field '" + names.get(i) + "' in the schema " + schema.names());
            }
        }
        return idx;
    }

    /** The key as CSV text of the key fields, as the connector and {@code keyColumns} of the datasource make it. */
    static byte[] key(TypedRow row, int[] keys) {
        if (keys.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = row.get(keys[i]);
            String s = v == null ? "" : v instanceof java.math.BigDecimal b ? b.toPlainString() : v.toString();
            sb.append(s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
