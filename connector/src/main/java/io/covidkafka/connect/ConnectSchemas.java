package io.covidkafka.connect;

import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.SchemaField;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** Maps the project's {@link RecordSchema} onto Connect schemas: NOT NULL fields are required, others optional. */
final class ConnectSchemas {

    static final String VALUE_SCHEMA_NAME = "io.covidkafka.Record";
    static final String KEY_SCHEMA_NAME = "io.covidkafka.Key";

    private ConnectSchemas() {
    }

    static Schema valueSchema(RecordSchema schema) {
        SchemaBuilder b = SchemaBuilder.struct().name(VALUE_SCHEMA_NAME);
        for (SchemaField f : schema.fields()) {
            b.field(f.name(), fieldSchema(f));
        }
        return b.build();
    }

    /** A struct of the key fields, in the order given; null when there are none. */
    static Schema keySchema(RecordSchema schema, List<String> keyFields) {
        if (keyFields.isEmpty()) {
            return null;
        }
        SchemaBuilder b = SchemaBuilder.struct().name(KEY_SCHEMA_NAME);
        for (String k : keyFields) {
            SchemaField f = schema.field(schema.indexOf(k));
            b.field(f.name(), fieldSchema(f));
        }
        return b.build();
    }

    static Struct key(Schema keySchema, Struct value) {
        Struct key = new Struct(keySchema);
        for (org.apache.kafka.connect.data.Field f : keySchema.fields()) {
            key.put(f, value.get(f.name()));
        }
        return key;
    }

    static Schema fieldSchema(SchemaField f) {
        SchemaBuilder b = switch (f.type().kind()) {
            case STRING -> SchemaBuilder.string();
            case INT -> SchemaBuilder.int32();
            case BIGINT -> SchemaBuilder.int64();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOLEAN -> SchemaBuilder.bool();
            case DECIMAL -> Decimal.builder(f.type().scale())
                    .parameter("connect.decimal.precision", Integer.toString(f.type().precision()));
            case DATE -> Date.builder();
            case TIMESTAMP -> Timestamp.builder();
        };
        if (f.nullable()) {
            b.optional();
        }
        return b.build();
    }
}
