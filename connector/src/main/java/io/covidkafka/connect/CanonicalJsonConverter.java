package io.covidkafka.connect;

import io.covidkafka.schema.CanonicalJsonWriter;
import io.covidkafka.schema.DataType;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.Rejection;
import io.covidkafka.schema.SchemaException;
import io.covidkafka.schema.SchemaField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Writes the connector's Structs as the canonical JSON that {@code format("covid-kafka")} and every other
 * covid-kafka component read with default settings: {@code {"Date":"2020-09-30","Province":"Alberta",...}}
 * (DATE as ISO date, TIMESTAMP as ISO-8601 UTC, DECIMAL as a plain number), produced by the schema core's
 * {@link CanonicalJsonWriter} so there is one JSON form. Kafka's {@code JsonConverter} would write a DATE as an
 * epoch-day integer and a DECIMAL as base64 bytes, which no reader expects.
 *
 * <p>Reading back ({@link #toConnectData}) parses with the schema core under the {@code schema} DDL set on the
 * converter ({@code value.converter.schema=...}; default the covid schema), so a sink gets the same typed Structs.
 * Like every Converter instance, one is used by one task thread: it is not thread-safe.
 */
public final class CanonicalJsonConverter implements Converter, Versioned {

    public static final String SCHEMA_CONFIG = "schema";
    private static final String PRECISION_PARAMETER = "connect.decimal.precision";

    private static final ConfigDef CONFIG = new ConfigDef().define(SCHEMA_CONFIG, ConfigDef.Type.STRING,
            RecordSchema.COVID_DDL, ConfigDef.Importance.MEDIUM,
            "DDL of the records toConnectData reads back (fromConnectData writes whatever Struct it is given).");

    private RecordParser parser;
    private Schema readSchema;
    // The writer depends on the Struct's schema; a connector uses one schema per topic, so one cached entry suffices.
    private Schema cachedSchema;
    private CanonicalJsonWriter cachedWriter;

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        String ddl = (String) CONFIG.parse(configs).get(SCHEMA_CONFIG);
        ParseOptions options;
        try {
            options = ParseOptions.builder().schema(ddl).format(FeedFormat.JSON).build();
        } catch (SchemaException e) {
            throw new ConfigException(SCHEMA_CONFIG, ddl, e.getMessage());
        }
        parser = RecordParser.create(options);
        readSchema = ConnectSchemas.valueSchema(options.schema());
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        // Dead-letter records carry the raw row as bytes: they pass through unchanged, as they were read, so the
        // one converter of the connector serves both its topic and its row.errors.topic.
        if (value instanceof byte[] raw) {
            return raw;
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] raw = new byte[buffer.remaining()];
            buffer.duplicate().get(raw);
            return raw;
        }
        if (!(value instanceof Struct struct)) {
            throw new DataException("CanonicalJsonConverter writes Structs; got " + value.getClass().getName()
                    + " on topic " + topic);
        }
        CanonicalJsonWriter writer = writerFor(struct.schema());
        writer.begin();
        List<Field> fields = struct.schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Object v = struct.get(f);
            if (v == null) {
                writer.setNull(i);
            } else if (v instanceof java.util.Date d) {
                long millis = d.getTime();
                if (Date.LOGICAL_NAME.equals(f.schema().name())) {
                    writer.setDate(i, Math.toIntExact(Math.floorDiv(millis, 86_400_000L)));
                } else {
                    writer.setTimestamp(i, Math.multiplyExact(millis, 1000L));
                }
            } else if (v instanceof BigDecimal b) {
                writer.setDecimal(i, b);
            } else if (v instanceof String s) {
                writer.setString(i, s);
            } else if (v instanceof Long n) {
                writer.setLong(i, n);
            } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                writer.setInt(i, ((Number) v).intValue());
            } else if (v instanceof Double || v instanceof Float) {
                writer.setDouble(i, ((Number) v).doubleValue());
            } else if (v instanceof Boolean b) {
                writer.setBoolean(i, b);
            } else {
                throw new DataException("field '" + f.name() + "' has a type CanonicalJsonConverter cannot write: "
                        + f.schema().type());
            }
        }
        return writer.toBytes();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        StructRowWriter row = new StructRowWriter(readSchema);
        Rejection r = parser.parse(value, 0, value.length, row);
        if (r != null) {
            throw new DataException("record on topic " + topic + " does not match the schema: " + r.message());
        }
        return new SchemaAndValue(readSchema, row.struct());
    }

    private CanonicalJsonWriter writerFor(Schema schema) {
        // Identity first (the connector reuses one schema object); equals() covers SMTs that rebuild the schema.
        if (schema != cachedSchema && !schema.equals(cachedSchema)) {
            cachedWriter = new CanonicalJsonWriter(recordSchemaOf(schema));
            cachedSchema = schema;
        }
        return cachedWriter;
    }

    /** The record schema a Connect struct schema stands for (types as {@link ConnectSchemas} maps them). */
    static RecordSchema recordSchemaOf(Schema schema) {
        List<SchemaField> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            Schema s = f.schema();
            DataType type;
            if (Date.LOGICAL_NAME.equals(s.name())) {
                type = DataType.DATE;
            } else if (Timestamp.LOGICAL_NAME.equals(s.name())) {
                type = DataType.TIMESTAMP;
            } else if (Decimal.LOGICAL_NAME.equals(s.name())) {
                String p = s.parameters().get(PRECISION_PARAMETER);
                int scale = Integer.parseInt(s.parameters().get(Decimal.SCALE_FIELD));
                type = DataType.decimal(p == null ? DataType.MAX_DECIMAL_PRECISION : Integer.parseInt(p), scale);
            } else if (Time.LOGICAL_NAME.equals(s.name())) {
                throw new DataException("field '" + f.name() + "' is a Connect Time, which has no canonical JSON form");
            } else {
                type = switch (s.type()) {
                    case STRING -> DataType.STRING;
                    case INT8, INT16, INT32 -> DataType.INT;
                    case INT64 -> DataType.BIGINT;
                    case FLOAT32, FLOAT64 -> DataType.DOUBLE;
                    case BOOLEAN -> DataType.BOOLEAN;
                    default -> throw new DataException("field '" + f.name() + "' of type " + s.type()
                            + " has no canonical JSON form");
                };
            }
            fields.add(new SchemaField(f.name(), type, s.isOptional()));
        }
        return new RecordSchema(fields);
    }
}
