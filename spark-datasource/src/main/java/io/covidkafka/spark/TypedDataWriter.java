package io.covidkafka.spark;

import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.RejectReason;
import io.covidkafka.schema.Rejection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.unsafe.types.UTF8String;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Writes one task's rows to Kafka: typed columns are serialised as canonical JSON/CSV; a raw {@code value} column
 * is parsed and checked with the schema core first. Rejected rows (NOT NULL violations, unparsable raw lines) never
 * reach the topic: FAILFAST fails the task, the other modes skip them (and send them to the dead-letter topic).
 */
final class TypedDataWriter implements DataWriter<InternalRow> {

    private static final Logger LOG = LoggerFactory.getLogger(TypedDataWriter.class);

    private final CovidKafkaOptions options;
    private final WriteAccumulators totals;
    private final WritePlan plan;
    private final RecordSchema schema;
    private final RowSerializer serializer;
    private final Map<String, Object> clientParams;
    private final RecordSink sender;
    /** The sender when transactional, else null. */
    private final TransactionalSender transaction;
    private final DeadLetters deadLetters;
    private final byte[] defaultTopic;
    // RAW input: parsed into this row first
    private final RecordParser parser;
    private final SpecificInternalRow parsed;
    private final InternalRowWriter parsedWriter;
    private final int[] identity;
    /** What a dead letter keeps of a row over maxRecordBytes (the whole row would not fit the topic either). */
    static final int OVERSIZED_PREFIX_BYTES = 16 * 1024;
    private final int maxRecordBytes;
    private long written;
    private long rejected;
    private long skipped;

    TypedDataWriter(CovidKafkaOptions options, WritePlan plan, WriteAccumulators totals, RecordSink sender) {
        this.totals = totals;
        this.options = options;
        this.plan = plan;
        this.schema = options.schema();
        this.serializer = new RowSerializer(options);
        this.clientParams = options.kafkaClientParams();
        this.sender = sender;
        this.transaction = sender instanceof TransactionalSender t ? t : null;
        // in a transaction, dead letters are part of it: they commit (or vanish) with the task's records
        this.deadLetters = options.deadLetterTopic() == null ? null
                : transaction != null ? new DeadLetters(options.deadLetterTopic(), sender, false)
                : new DeadLetters(options.deadLetterTopic(), clientParams);
        this.defaultTopic = options.topic() == null ? null : options.topic().getBytes();
        this.maxRecordBytes = options.parseOptions().maxRecordBytes();
        if (plan.raw()) {
            this.parser = RecordParser.create(options.parseOptions());
            this.parsed = new SpecificInternalRow(SparkSchemas.dataSchema(schema));
            this.parsedWriter = new InternalRowWriter(parsed, schema.size());
            this.identity = new int[schema.size()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
        } else {
            this.parser = null;
            this.parsed = null;
            this.parsedWriter = null;
            this.identity = null;
        }
    }

    @Override
    public void write(InternalRow row) {
        if (transaction != null && transaction.alreadyCommitted()) {
            skipped++; // a replayed streaming epoch this partition already committed
            return;
        }
        InternalRow typed;
        int[] ordinals;
        if (plan.raw()) {
            if (row.isNullAt(plan.valueOrdinal)) {
                reject(row, null, new Rejection(RejectReason.MALFORMED_RECORD, null, null, null,
                        "the value column is null", -1, -1));
                return;
            }
            byte[] value = plan.valueIsBinary ? row.getBinary(plan.valueOrdinal)
                    : row.getUTF8String(plan.valueOrdinal).getBytes();
            Rejection r = parser.parse(value, 0, RecordDecoder.withoutLineEnd(value, 0, value.length), parsedWriter);
            if (r != null) {
                reject(row, value, r);
                return;
            }
            typed = parsed;
            ordinals = identity;
        } else {
            for (int f = 0; f < plan.fieldOrdinals.length; f++) {
                int o = plan.fieldOrdinals[f];
                if (!schema.field(f).nullable() && (o < 0 || row.isNullAt(o))) {
                    reject(row, serializer.serialize(row, plan.fieldOrdinals), new Rejection(
                            RejectReason.NULL_NOT_ALLOWED, schema.field(f).name(), null, schema.field(f).type().sql(),
                            "", -1, -1));
                    return;
                }
            }
            typed = row;
            ordinals = plan.fieldOrdinals;
        }
        byte[] key = key(row, typed, ordinals);
        byte[] value = serializer.serialize(typed, ordinals);
        if (value.length > maxRecordBytes) {
            // the broker would refuse it and fail the whole task: route the row by mode instead
            reject(row, java.util.Arrays.copyOf(value, Math.min(value.length, OVERSIZED_PREFIX_BYTES)), new Rejection(
                    RejectReason.RECORD_TOO_LARGE, null, null, null, "serialized record of " + value.length
                    + " bytes exceeds maxRecordBytes=" + maxRecordBytes, -1, -1));
            return;
        }
        sender.send(new ProducerRecord<>(topic(row), null, key, value, headers(row)));
        written++;
    }

    private String topic(InternalRow row) {
        if (plan.topicOrdinal >= 0 && !row.isNullAt(plan.topicOrdinal)) {
            return row.getUTF8String(plan.topicOrdinal).toString();
        }
        if (defaultTopic == null) {
            throw new IllegalStateException("a row has a null 'topic' and no 'topic' option is set");
        }
        return options.topic();
    }

    /** The Kafka headers of a {@code headers} column (as Spark's kafka sink takes them), or null. */
    private RecordHeaders headers(InternalRow row) {
        if (plan.headersOrdinal < 0 || row.isNullAt(plan.headersOrdinal)) {
            return null;
        }
        ArrayData array = row.getArray(plan.headersOrdinal);
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < array.numElements(); i++) {
            if (array.isNullAt(i)) {
                continue;
            }
            InternalRow h = array.getStruct(i, 2);
            headers.add(h.getUTF8String(0).toString(), h.isNullAt(1) ? null : h.getBinary(1));
        }
        return headers;
    }

    private byte[] key(InternalRow row, InternalRow typed, int[] ordinals) {
        if (plan.keyFields.length > 0) {
            return serializer.csvOf(typed, plan.keyFields, ordinals);
        }
        if (plan.keyOrdinal >= 0 && !row.isNullAt(plan.keyOrdinal)) {
            return plan.keyIsBinary ? row.getBinary(plan.keyOrdinal) : row.getUTF8String(plan.keyOrdinal).getBytes();
        }
        return null;
    }

    private void reject(InternalRow row, byte[] value, Rejection r) {
        rejected++;
        if (options.mode() == CovidKafkaOptions.Mode.FAILFAST) {
            throw new IllegalStateException("covid-kafka FAILFAST: row rejected before writing: " + r.message()
                    + (value == null ? "" : " in " + preview(value)));
        }
        if (deadLetters != null) {
            byte[] key = plan.keyOrdinal >= 0 && !row.isNullAt(plan.keyOrdinal)
                    ? (plan.keyIsBinary ? row.getBinary(plan.keyOrdinal)
                            : row.getUTF8String(plan.keyOrdinal).getBytes())
                    : null;
            deadLetters.send(key, value, r, null, -1, -1);
        }
    }

    /** The start of a rejected value for an error message (a rejected row may be megabytes). */
    private static String preview(byte[] value) {
        int max = Rejection.MAX_RAW_VALUE_CHARS;
        return value.length <= max ? UTF8String.fromBytes(value).toString()
                : UTF8String.fromBytes(value, 0, max).toString() + "... (" + value.length + " bytes)";
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return new CustomTaskMetric[] {CovidKafkaMetrics.taskMetric(CovidKafkaMetrics.WRITTEN, written),
                CovidKafkaMetrics.taskMetric(CovidKafkaMetrics.REJECTED, rejected)};
    }

    @Override
    public WriterCommitMessage commit() {
        // at-least-once: every record of the task is acknowledged before the task may commit
        sender.flush();
        if (deadLetters != null) {
            deadLetters.flush();
        }
        if (transaction != null) {
            transaction.commit();
            if (skipped > 0) {
                LOG.info("covid-kafka: epoch already committed for this partition, {} replayed rows not written again",
                        skipped);
            }
        }
        totals.written.add(written);
        totals.rejected.add(rejected);
        return new Committed(written, rejected);
    }

    @Override
    public void abort() {
        if (transaction != null) {
            transaction.abort(); // nothing of this attempt becomes visible to read_committed consumers
        }
        // at-least-once: nothing to undo, records already acknowledged stay in the topic
    }

    @Override
    public void close() {
        try {
            sender.close();
        } finally {
            if (deadLetters != null) {
                deadLetters.close();
            }
        }
    }

    /** What one task wrote. */
    record Committed(long written, long rejected) implements WriterCommitMessage {
    }
}
