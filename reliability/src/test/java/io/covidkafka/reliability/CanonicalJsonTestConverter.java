package io.covidkafka.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.storage.Converter;

/**
 * Writes the connector's Structs as the project's canonical JSON (ISO dates), which {@code format("covid-kafka")}
 * reads: Connect's JsonConverter writes a DATE as a day number the schema does not accept. Test stand-in until
 * the connector ships its own canonical converter; only the types of the covid schema are handled.
 */
public final class CanonicalJsonTestConverter implements Converter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Struct struct)) {
            return value instanceof byte[] b ? b : String.valueOf(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ObjectNode node = JSON.createObjectNode();
        for (Field f : struct.schema().fields()) {
            Object v = struct.get(f);
            String logical = f.schema().name();
            if (v == null) {
                node.putNull(f.name());
            } else if (Date.LOGICAL_NAME.equals(logical)) {
                node.put(f.name(), LocalDate.ofInstant(((java.util.Date) v).toInstant(), ZoneOffset.UTC).toString());
            } else if (Timestamp.LOGICAL_NAME.equals(logical)) {
                node.put(f.name(), Instant.ofEpochMilli(((java.util.Date) v).getTime()).toString());
            } else {
                node.set(f.name(), JSON.valueToTree(v));
            }
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        throw new UnsupportedOperationException("write-only test converter");
    }
}
