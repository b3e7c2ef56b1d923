package io.covidkafka.spark;

import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.RejectReason;
import io.covidkafka.schema.Rejection;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns one raw Kafka row of Spark's kafka source (key, value, topic, partition, offset, timestamp,
 * timestampType[, headers]) into a typed row of the declared columns, applying the mode to rejected records.
 * One per partition reader (not thread-safe); the returned row is reused.
 */
final class RecordDecoder implements AutoCloseable {

    // column ordinals of Spark's kafka source rows
    private static final int KEY = 0;
    private static final int VALUE = 1;
    private static final int TOPIC = 2;
    private static final int PARTITION = 3;
    private static final int OFFSET = 4;
    private static final int TIMESTAMP = 5;
    private static final int HEADERS = 7; // with includeHeaders=true

    private final CovidKafkaOptions options;
    private final RecordParser parser;
    private final SpecificInternalRow row;
    private final InternalRowWriter writer;
    private final int dataFields;
    private final int corruptOrdinal;
    private final int metadataOrdinal;
    private final int headersOrdinal;
    private final DeadLetters deadLetters;
    private final ReadCounters counters;

    RecordDecoder(CovidKafkaOptions options, ReadCounters counters) {
        this.options = options;
        this.parser = RecordParser.create(options.parseOptions());
        StructType schema = SparkSchemas.readSchema(options);
        this.row = new SpecificInternalRow(schema);
        this.dataFields = options.schema().size();
        this.writer = new InternalRowWriter(row, dataFields);
        int next = dataFields;
        this.corruptOrdinal = options.mode() == CovidKafkaOptions.Mode.PERMISSIVE ? next++ : -1;
        this.metadataOrdinal = options.includeMetadata() ? next : -1;
        next += options.includeMetadata() ? SparkSchemas.METADATA_COLUMNS.size() : 0;
        this.headersOrdinal = options.includeHeaders() ? next : -1;
        this.deadLetters = options.deadLetterTopic() == null ? null
                : new DeadLetters(options.deadLetterTopic(), options.kafkaClientParams());
        this.counters = counters;
    }

    /** The typed row of a raw Kafka row, or null when the record is dropped (DROPMALFORMED). */
    InternalRow decode(InternalRow raw) {
        Rejection rejection;
        byte[] buf;
        int off;
        int len;
        if (raw.isNullAt(VALUE)) {
            buf = null;
            off = 0;
            len = 0;
            writer.begin();
            rejection = new Rejection(RejectReason.MALFORMED_RECORD, null, null, null,
                    "the message has no value (tombstone)", -1, -1);
        } else {
            if (raw instanceof UnsafeRow u && u.getBaseObject() instanceof byte[] base) {
                // parse the value in place inside the UnsafeRow: no copy per record
                long offsetAndSize = u.getLong(VALUE);
                buf = base;
                off = (int) (u.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET + (offsetAndSize >> 32));
                len = (int) offsetAndSize;
            } else {
                buf = raw.getBinary(VALUE);
                off = 0;
                len = buf.length;
            }
            rejection = parser.parse(buf, off, withoutLineEnd(buf, off, len), writer);
        }
        if (rejection == null) {
            counters.accepted++;
            if (corruptOrdinal >= 0) {
                row.setNullAt(corruptOrdinal);
            }
            writeMetadata(raw);
            return row;
        }
        counters.rejected++;
        String topic = raw.getUTF8String(TOPIC).toString();
        int partition = raw.getInt(PARTITION);
        long offset = raw.getLong(OFFSET);
        if (options.mode() == CovidKafkaOptions.Mode.FAILFAST) {
            throw new IllegalStateException("covid-kafka FAILFAST: record rejected at topic " + topic + " partition "
                    + partition + " offset " + offset + ": " + rejection.message());
        }
        if (deadLetters != null) {
            byte[] value = buf == null ? null : copy(buf, off, len);
            deadLetters.send(raw.isNullAt(KEY) ? null : raw.getBinary(KEY), value, rejection, topic, partition, offset);
        }
        if (options.mode() == CovidKafkaOptions.Mode.DROPMALFORMED) {
            return null;
        }
        writer.begin();
        if (buf == null) {
            row.setNullAt(corruptOrdinal);
        } else {
            row.update(corruptOrdinal, UTF8String.fromBytes(copy(buf, off, len)));
        }
        writeMetadata(raw);
        return row;
    }

    private void writeMetadata(InternalRow raw) {
        if (headersOrdinal >= 0) {
            if (raw.isNullAt(HEADERS)) {
                row.setNullAt(headersOrdinal);
            } else {
                row.update(headersOrdinal, raw.getArray(HEADERS).copy());
            }
        }
        if (metadataOrdinal < 0) {
            return;
        }
        int m = metadataOrdinal;
        row.update(m, raw.getUTF8String(TOPIC).clone());
        row.setInt(m + 1, raw.getInt(PARTITION));
        row.setLong(m + 2, raw.getLong(OFFSET));
        row.setLong(m + 3, raw.getLong(TIMESTAMP));
        if (raw.isNullAt(KEY)) {
            row.setNullAt(m + 4);
        } else {
            row.update(m + 4, UTF8String.fromBytes(raw.getBinary(KEY)));
        }
    }

    /**
     * The length of a message value without ONE trailing line end (LF, CRLF or CR). WHY: a message is one record,
     * and producers that send lines often keep the terminator; the connector frames file records without it, so
     * both then judge the same record text (a CSV "3\r\n" would otherwise be a bad INT).
     */
    static int withoutLineEnd(byte[] buf, int off, int len) {
        if (len > 0 && buf[off + len - 1] == '\n') {
            len--;
        }
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        return len;
    }

    private byte[] copy(byte[] buf, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(buf, off, out, 0, len);
        return out;
    }

    /** Waits for the dead letters of this reader to be acknowledged (before the task completes). */
    void flush() {
        if (deadLetters != null) {
            deadLetters.flush();
        }
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
