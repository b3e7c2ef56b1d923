package io.covidkafka.connect;

import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.Rejection;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a {@link FeedReader} just read into a SourceRecord: the typed value (with key, timestamp and origin
 * headers), a dead-letter record with the raw bytes, nothing (skip), or a task failure, per row.errors.policy.
 */
final class RecordFactory {

    private static final Logger log = LoggerFactory.getLogger(RecordFactory.class);

    static final String H_ORIGIN = "covidkafka.origin";
    static final String H_LINE = "covidkafka.line";
    static final String H_OFFSET = "covidkafka.offset";
    static final String H_REASON = "covidkafka.error.reason";
    static final String H_FIELD = "covidkafka.error.field";
    static final String H_MESSAGE = "covidkafka.error.message";

    final FeedSourceConfig config;
    final Schema valueSchema;
    final Schema keySchema;
    final StructRowWriter writer;
    final TaskMetrics metrics;
    private final String timestampField;

    RecordFactory(FeedSourceConfig config, TaskMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.valueSchema = ConnectSchemas.valueSchema(config.schema());
        this.keySchema = ConnectSchemas.keySchema(config.schema(), config.keyFields);
        this.writer = new StructRowWriter(valueSchema);
        this.timestampField = config.timestampField.isBlank() ? null
                : config.schema().field(config.schema().indexOf(config.timestampField)).name();
    }

    /**
     * The record for what {@code reader} read last (after {@code reader.next(writer)} returned true), or null
     * when the row is rejected and skipped.
     */
    SourceRecord build(FeedReader reader, String origin, Map<String, ?> partition, Map<String, ?> offset) {
        metrics.rowsRead.increment();
        Rejection r = reader.rejection();
        if (r == null) {
            metrics.rowsAccepted.increment();
            return accepted(writer.struct(), origin, reader.recordLine(), reader.recordOffset(), partition, offset);
        }
        metrics.rowsRejected.increment();
        switch (config.rowErrorsPolicy) {
            case FAIL:
                throw new ConnectException("Row rejected in " + origin + " line " + r.line() + " (byte offset " + r.byteOffset()
                        + "), field '" + r.field() + "', value '" + r.rawValue() + "': " + r.message()
                        + ". Set row.errors.policy=skip or dlq to continue past bad rows.");
            case SKIP:
                log.warn("Skipping row of {}: {}", origin, r.message());
                return null;
            default:
                return deadLetter(deadLetterBytes(reader, r), r, origin, partition, offset);
        }
    }

    SourceRecord accepted(Struct value, String origin, long line, long byteOffset, Map<String, ?> partition, Map<String, ?> offset) {
        ConnectHeaders headers = config.originHeaders ? originHeaders(origin, line, byteOffset) : null;
        Struct key = keySchema == null ? null : ConnectSchemas.key(keySchema, value);
        Long ts = null;
        if (timestampField != null) {
            Object t = value.get(timestampField);
            ts = t == null ? null : ((java.util.Date) t).getTime();
        }
        return new SourceRecord(partition, offset, config.topic, null, keySchema, key, valueSchema, value, ts, headers);
    }

    /**
     * The raw row; for a row over max.record.bytes only its first {@value #OVERSIZED_PREFIX_BYTES} bytes: the reader
     * keeps max.record.bytes of it, which (base64-encoded by a JSON converter, plus headers) would itself exceed
     * the broker's message limit and fail the task instead of dead-lettering the row.
     */
    private static byte[] deadLetterBytes(FeedReader reader, Rejection r) {
        if (r.reason() == io.covidkafka.schema.RejectReason.RECORD_TOO_LARGE && reader.rawLength() > OVERSIZED_PREFIX_BYTES) {
            return java.util.Arrays.copyOfRange(reader.rawBuffer(), reader.rawOffset(), reader.rawOffset() + OVERSIZED_PREFIX_BYTES);
        }
        return reader.raw();
    }

    static final int OVERSIZED_PREFIX_BYTES = 16 * 1024;

    private SourceRecord deadLetter(byte[] raw, Rejection r, String origin, Map<String, ?> partition, Map<String, ?> offset) {
        ConnectHeaders headers = originHeaders(origin, r.line(), r.byteOffset());
        headers.addString(H_REASON, r.reason().name());
        if (r.field() != null) {
            headers.addString(H_FIELD, r.field());
        }
        headers.addString(H_MESSAGE, r.message());
        return new SourceRecord(partition, offset, config.rowErrorsTopic, null, null, null,
                Schema.BYTES_SCHEMA, raw, null, headers);
    }

    private static ConnectHeaders originHeaders(String origin, long line, long byteOffset) {
        ConnectHeaders h = new ConnectHeaders();
        h.addString(H_ORIGIN, origin);
        h.addLong(H_LINE, line);
        h.addLong(H_OFFSET, byteOffset);
        return h;
    }

    /** The same record with another source offset (records are immutable). */
    static SourceRecord withOffset(SourceRecord r, Map<String, ?> offset) {
        return new SourceRecord(r.sourcePartition(), offset, r.topic(), r.kafkaPartition(), r.keySchema(), r.key(),
                r.valueSchema(), r.value(), r.timestamp(), r.headers());
    }
}
