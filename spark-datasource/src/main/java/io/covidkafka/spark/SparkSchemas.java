package io.covidkafka.spark;

import io.covidkafka.schema.DataType;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.SchemaField;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/** Translates between the schema core's {@link RecordSchema} and Spark's {@link StructType}. */
final class SparkSchemas {

    /** The metadata columns {@code includeMetadata=true} adds, after the data (and corrupt-record) columns. */
    static final List<String> METADATA_COLUMNS = List.of("topic", "partition", "offset", "timestamp", "key");

    /** The column {@code includeHeaders=true} adds last, with the type Spark's kafka source gives it. */
    static final String HEADERS = "headers";
    static final org.apache.spark.sql.types.DataType HEADERS_TYPE = DataTypes.createArrayType(new StructType()
            .add("key", DataTypes.StringType, true).add("value", DataTypes.BinaryType, true));

    private SparkSchemas() {
    }

    static org.apache.spark.sql.types.DataType sparkType(DataType type) {
        return switch (type.kind()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case BIGINT -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case DECIMAL -> DataTypes.createDecimalType(type.precision(), type.scale());
            case BOOLEAN -> DataTypes.BooleanType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    /** The core type of a Spark type, or null when the schema core has no such type. */
    static DataType coreType(org.apache.spark.sql.types.DataType t) {
        if (t.equals(DataTypes.StringType)) {
            return DataType.STRING;
        } else if (t.equals(DataTypes.IntegerType)) {
            return DataType.INT;
        } else if (t.equals(DataTypes.LongType)) {
            return DataType.BIGINT;
        } else if (t.equals(DataTypes.DoubleType)) {
            return DataType.DOUBLE;
        } else if (t instanceof DecimalType d) {
            return DataType.decimal(d.precision(), d.scale());
        } else if (t.equals(DataTypes.BooleanType)) {
            return DataType.BOOLEAN;
        } else if (t.equals(DataTypes.DateType)) {
            return DataType.DATE;
        } else if (t.equals(DataTypes.TimestampType)) {
            return DataType.TIMESTAMP;
        }
        return null;
    }

    /** The data columns of a record schema. */
    static StructType dataSchema(RecordSchema schema) {
        StructType st = new StructType();
        for (SchemaField f : schema.fields()) {
            st = st.add(f.name(), sparkType(f.type()), f.nullable());
        }
        return st;
    }

    /**
     * What a read returns: the data columns (all nullable in PERMISSIVE mode), then the corrupt-record column in PERMISSIVE mode (as Spark's CSV
     * and JSON sources do), then the metadata columns when asked for.
     */
    static StructType readSchema(CovidKafkaOptions options) {
        StructType st = dataSchema(options.schema());
        if (options.mode() == CovidKafkaOptions.Mode.PERMISSIVE) {
            // a rejected record keeps nulls in every column, NOT NULL ones too (as Spark's CSV/JSON sources do)
            st = st.asNullable();
            st = st.add(options.corruptRecordColumn(), DataTypes.StringType, true);
        }
        if (options.includeMetadata()) {
            for (String m : METADATA_COLUMNS) {
                if (options.schema().indexOf(m) >= 0) {
                    throw new IllegalArgumentException("includeMetadata adds a column '" + m
                            + "', which clashes with a schema field");
                }
            }
            st = st.add("topic", DataTypes.StringType, false)
                    .add("partition", DataTypes.IntegerType, false)
                    .add("offset", DataTypes.LongType, false)
                    .add("timestamp", DataTypes.TimestampType, false)
                    .add("key", DataTypes.StringType, true);
        }
        if (options.includeHeaders()) {
            if (options.schema().indexOf(HEADERS) >= 0) {
                throw new IllegalArgumentException("includeHeaders adds a column 'headers', which clashes with a "
                        + "schema field");
            }
            st = st.add(HEADERS, HEADERS_TYPE, true);
        }
        return st;
    }

    /**
     * The record schema of a schema given with {@code .schema(StructType)}: the corrupt-record and metadata
     * columns (which the source adds itself) are left out.
     */
    static RecordSchema fromUserSchema(StructType user, String corruptColumn, boolean includeMetadata,
                                       boolean includeHeaders) {
        List<SchemaField> fields = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (StructField f : user.fields()) {
            if (f.name().equalsIgnoreCase(corruptColumn)
                    || (includeMetadata && METADATA_COLUMNS.stream().anyMatch(m -> m.equalsIgnoreCase(f.name())))
                    || (includeHeaders && f.name().equalsIgnoreCase(HEADERS))) {
                continue;
            }
            DataType t = coreType(f.dataType());
            if (t == null) {
                bad.add(f.name() + " " + f.dataType().sql());
            } else {
                fields.add(new SchemaField(f.name(), t, f.nullable()));
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("covid-kafka supports STRING, INT, BIGINT, DOUBLE, DECIMAL, BOOLEAN, "
                    + "DATE and TIMESTAMP columns; unsupported: " + String.join(", ", bad));
        }
        return new RecordSchema(fields);
    }
}
