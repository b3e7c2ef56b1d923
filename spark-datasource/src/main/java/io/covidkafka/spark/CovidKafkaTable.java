package io.covidkafka.spark;

import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.streaming.ReportsSinkMetrics;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.kafka010.KafkaSourceProvider;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.EnumSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The covid-kafka table: Spark's kafka table underneath, typed columns on top. */
final class CovidKafkaTable implements SupportsRead, SupportsWrite, ReportsSinkMetrics {

    private static final Set<TableCapability> CAPABILITIES = EnumSet.of(TableCapability.BATCH_READ,
            TableCapability.MICRO_BATCH_READ, TableCapability.CONTINUOUS_READ, TableCapability.BATCH_WRITE,
            TableCapability.STREAMING_WRITE, TableCapability.TRUNCATE,
            // a write takes typed columns or one raw `value` column (plus topic): checked by us, on the driver
            TableCapability.ACCEPT_ANY_SCHEMA);

    /** Options with the schema reads use (a {@code .schema(...)} wins over the option); null if unreadable. */
    private final CovidKafkaOptions readOptions;
    /** Options with the schema of the {@code schema} option (or the default): what writes check against. */
    private final CovidKafkaOptions writeOptions;
    private final StructType schema;
    /**
     * Totals of the writes through this table, since it was created: a streaming sink is one table per query,
     * and Spark builds a new write for every micro-batch, so the totals belong to the table, not the write.
     */
    private WriteAccumulators writeTotals;

    CovidKafkaTable(CovidKafkaOptions readOptions, CovidKafkaOptions writeOptions) {
        this.readOptions = readOptions;
        this.writeOptions = writeOptions;
        this.schema = SparkSchemas.readSchema(readOptions != null ? readOptions : writeOptions);
    }

    @Override
    public String name() {
        return CovidKafkaProvider.SHORT_NAME;
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
        if (readOptions == null) {
            throw new IllegalArgumentException("the schema given to covid-kafka has unsupported column types");
        }
        CovidKafkaOptions merged = merge(readOptions, scanOptions, readOptions.schema());
        CaseInsensitiveStringMap kafkaOptions = new CaseInsensitiveStringMap(merged.kafkaSourceOptions());
        ScanBuilder raw = new KafkaSourceProvider().getTable(kafkaOptions).newScanBuilder(kafkaOptions);
        return new TypedScan.Builder(raw, merged);
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        CovidKafkaOptions merged = merge(writeOptions, info.options(), null);
        return new TypedWriteBuilder(merged, info.schema(), info.queryId(), writeTotals());
    }

    private synchronized WriteAccumulators writeTotals() {
        if (writeTotals == null) {
            writeTotals = WriteAccumulators.register();
        }
        return writeTotals;
    }

    /** Written and rejected totals in a streaming query's progress ({@code sink.metrics}). */
    @Override
    public synchronized Map<String, String> metrics() {
        return writeTotals == null ? Collections.emptyMap() : writeTotals.asMetrics();
    }

    /** The table's options overlaid with the options of this read or write. */
    private static CovidKafkaOptions merge(CovidKafkaOptions base, CaseInsensitiveStringMap extra,
                                           io.covidkafka.schema.RecordSchema schema) {
        if (extra.isEmpty()) {
            return base;
        }
        Map<String, String> all = new LinkedHashMap<>(base.asMap());
        all.putAll(extra.asCaseSensitiveMap());
        return new CovidKafkaOptions(all, schema);
    }
}
