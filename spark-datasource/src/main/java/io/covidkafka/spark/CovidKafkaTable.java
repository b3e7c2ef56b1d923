package io.covidkafka.spark;

import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.kafka010.KafkaSourceProvider;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The covid-kafka table: Spark's kafka table underneath, typed columns on top. */
final class CovidKafkaTable implements SupportsRead, SupportsWrite {

    private static final Set<TableCapability> CAPABILITIES = EnumSet.of(TableCapability.BATCH_READ,
            TableCapability.MICRO_BATCH_READ, TableCapability.CONTINUOUS_READ, TableCapability.BATCH_WRITE,
            TableCapability.STREAMING_WRITE, TableCapability.TRUNCATE,
            // a write takes typed columns or one raw `value` column (plus topic): checked by us, on the driver
            TableCapability.ACCEPT_ANY_SCHEMA);

    private final CovidKafkaOptions options;
    private final StructType schema;

    CovidKafkaTable(CovidKafkaOptions options) {
        this.options = options;
        this.schema = SparkSchemas.readSchema(options);
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
        CovidKafkaOptions merged = merge(scanOptions);
        CaseInsensitiveStringMap kafkaOptions = new CaseInsensitiveStringMap(merged.kafkaSourceOptions());
        ScanBuilder raw = new KafkaSourceProvider().getTable(kafkaOptions).newScanBuilder(kafkaOptions);
        return new TypedScan.Builder(raw, merged);
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        return new TypedWriteBuilder(merge(info.options()), info.schema());
    }

    /** The table's options overlaid with the options of this read or write. */
    private CovidKafkaOptions merge(CaseInsensitiveStringMap extra) {
        if (extra.isEmpty()) {
            return options;
        }
        Map<String, String> all = new LinkedHashMap<>(options.asMap());
        all.putAll(extra.asCaseSensitiveMap());
        return new CovidKafkaOptions(all, options.schema());
    }
}
