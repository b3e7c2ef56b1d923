package io.covidkafka.spark;

import io.covidkafka.schema.DataType;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.SchemaField;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the columns of a DataFrame being written map onto the schema, decided (and checked) once on the driver when
 * the query starts. Either TYPED (one column per schema field; nullable fields may be absent) or RAW (one string or
 * binary {@code value} column of CSV/JSON text that is parsed and checked record by record). Beside them, an
 * optional string {@code topic} column, an optional {@code headers} column (Spark's kafka type
 * {@code ARRAY<STRUCT<key: STRING, value: BINARY>>}) and, without {@code keyColumns}, an optional string/binary
 * {@code key}.
 */
final class WritePlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Input ordinal of each schema field, -1 when absent (TYPED). */
    final int[] fieldOrdinals;
    /** Input ordinal of the raw value column, or -1 (TYPED). */
    final int valueOrdinal;
    final boolean valueIsBinary;
    final int topicOrdinal;
    final int keyOrdinal;
    final boolean keyIsBinary;
    /** Input ordinal of the headers column, or -1. */
    final int headersOrdinal;
    /** Schema field indexes of {@code keyColumns}. */
    final int[] keyFields;

    private WritePlan(int[] fieldOrdinals, int valueOrdinal, boolean valueIsBinary, int topicOrdinal,
                      int keyOrdinal, boolean keyIsBinary, int headersOrdinal, int[] keyFields) {
        this.fieldOrdinals = fieldOrdinals;
        this.valueOrdinal = valueOrdinal;
        this.valueIsBinary = valueIsBinary;
        this.topicOrdinal = topicOrdinal;
        this.keyOrdinal = keyOrdinal;
        this.keyIsBinary = keyIsBinary;
        this.headersOrdinal = headersOrdinal;
        this.keyFields = keyFields;
    }

    boolean raw() {
        return valueOrdinal >= 0;
    }

    /**
     * Checks the input columns against the schema and lists EVERY mismatch in one error, on the driver before
     * any task runs.
     *
     * @throws org.apache.spark.sql.AnalysisException naming each missing, mistyped or unknown column
     */
    static WritePlan of(StructType input, CovidKafkaOptions options) {
        RecordSchema schema = options.schema();
        List<String> problems = new ArrayList<>();
        int[] fieldOrdinals = new int[schema.size()];
        Arrays.fill(fieldOrdinals, -1);
        int topic = -1;
        int key = -1;
        int headers = -1;
        boolean keyBinary = false;
        int value = -1;
        boolean valueBinary = false;
        StructField[] cols = input.fields();
        for (int o = 0; o < cols.length; o++) {
            StructField c = cols[o];
            int f = schema.indexOf(c.name());
            if (f >= 0) {
                SchemaField field = schema.field(f);
                DataType actual = SparkSchemas.coreType(c.dataType());
                if (!field.type().equals(actual)) {
                    problems.add("column '" + c.name() + "' is " + c.dataType().sql() + " but the schema declares "
                            + field.type().sql());
                }
                fieldOrdinals[f] = o;
            } else if (c.name().equalsIgnoreCase("topic")) {
                if (!c.dataType().equals(DataTypes.StringType)) {
                    problems.add("column 'topic' must be STRING, is " + c.dataType().sql());
                }
                topic = o;
            } else if (c.name().equalsIgnoreCase("key") && options.keyColumns().isEmpty()) {
                keyBinary = c.dataType().equals(DataTypes.BinaryType);
                if (!keyBinary && !c.dataType().equals(DataTypes.StringType)) {
                    problems.add("column 'key' must be STRING or BINARY, is " + c.dataType().sql());
                }
                key = o;
            } else if (c.name().equalsIgnoreCase("headers")) {
                if (!isHeadersType(c.dataType())) {
                    problems.add("column 'headers' must be ARRAY<STRUCT<key: STRING, value: BINARY>>, is "
                            + c.dataType().sql());
                }
                headers = o;
            } else if (c.name().equalsIgnoreCase("value")) {
                valueBinary = c.dataType().equals(DataTypes.BinaryType);
                if (!valueBinary && !c.dataType().equals(DataTypes.StringType)) {
                    problems.add("raw column 'value' must be STRING or BINARY, is " + c.dataType().sql());
                }
                value = o;
            } else {
                problems.add("column '" + c.name() + "' (" + c.dataType().sql() + ") is not in the schema");
            }
        }
        boolean anyTyped = Arrays.stream(fieldOrdinals).anyMatch(o -> o >= 0);
        if (value >= 0 && anyTyped) {
            problems.add("give either typed columns or one raw 'value' column, not both");
        }
        if (value < 0) {
            for (int f = 0; f < schema.size(); f++) {
                if (fieldOrdinals[f] < 0 && !schema.field(f).nullable()) {
                    problems.add("required column '" + schema.field(f).name() + "' ("
                            + schema.field(f).type().sql() + " NOT NULL) is missing");
                }
            }
        }
        if (topic < 0 && options.topic() == null) {
            problems.add("no topic: set the 'topic' option or give a 'topic' column");
        }
        if (!problems.isEmpty()) {
            throw AnalysisErrors.analysisError("covid-kafka cannot write " + input.simpleString() + " to schema "
                    + schema.toDdl() + ": " + String.join("; ", problems));
        }
        int[] keyFields = options.keyColumns().stream().mapToInt(schema::indexOf).toArray();
        return new WritePlan(fieldOrdinals, value, valueBinary, topic, key, keyBinary, headers, keyFields);
    }

    /** Spark's kafka headers type (nullability aside). */
    static boolean isHeadersType(org.apache.spark.sql.types.DataType t) {
        return t instanceof ArrayType a && a.elementType() instanceof StructType s && s.fields().length == 2
                && s.fields()[0].name().equals("key") && s.fields()[0].dataType().equals(DataTypes.StringType)
                && s.fields()[1].name().equals("value") && s.fields()[1].dataType().equals(DataTypes.BinaryType);
    }
}
