package io.covidkafka.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one JSON object with Jackson's streaming parser straight from the bytes and writes each known field
 * to its schema field. Numbers are taken as Jackson parsed them; strings go through the same
 * {@link ValueDecoder} as CSV text, so {@code "18062"} and {@code 18062} are both a valid BIGINT.
 */
final class JsonRecordParser extends RecordParser {

    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final ValueDecoder decoder;
    private final RecordSchema schema;
    private final boolean[] seen;
    // Jackson hands out canonical (interned) names, so this map sees few distinct keys
    private final Map<String, Integer> fieldIndexByName = new HashMap<>();

    JsonRecordParser(ParseOptions options) {
        super(options);
        this.decoder = new ValueDecoder(options);
        this.schema = options.schema();
        this.seen = new boolean[schema.size()];
    }

    @Override
    public Rejection parse(byte[] buf, int off, int len, RowWriter out) {
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return Rejection.of(RejectReason.MALFORMED_RECORD, null, preview(buf, off, len), null,
                        first == null ? "empty record" : "expected a JSON object, found " + describe(first));
            }
            out.begin();
            Arrays.fill(seen, false);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int f = fieldIndexByName.computeIfAbsent(name, n -> options.mapping().fieldIndex(n, schema));
                if (f >= 0 && seen[f]) {
                    f = -1; // a second occurrence of a field is treated as unknown: first one wins, as for CSV columns
                }
                JsonToken value = p.nextToken();
                if (f < 0) {
                    if (options.unknownFields() == ParseOptions.FieldPolicy.REJECT) {
                        return Rejection.of(RejectReason.UNKNOWN_FIELD, name, valuePreview(p, value), null, "field not in the schema");
                    }
                    p.skipChildren();
                    continue;
                }
                seen[f] = true;
                Rejection r = writeValue(f, p, value, out);
                if (r != null) {
                    return r;
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return Rejection.of(RejectReason.MALFORMED_RECORD, null, preview(buf, off, len), null, "truncated JSON object");
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                return Rejection.of(RejectReason.MALFORMED_RECORD, null, preview(buf, off, len), null,
                        "unexpected " + describe(trailing) + " after the object");
            }
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i]) {
                    SchemaField sf = schema.field(i);
                    if (!sf.nullable() || options.missingFields() == ParseOptions.FieldPolicy.REJECT) {
                        return Rejection.of(RejectReason.MISSING_FIELD, sf.name(), null, decoder.expected(i), "field absent from the object");
                    }
                    out.setNull(i);
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            return Rejection.of(RejectReason.MALFORMED_RECORD, null, preview(buf, off, len), null, e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array cannot fail", e);
        }
    }

    private Rejection writeValue(int f, JsonParser p, JsonToken value, RowWriter out) throws IOException {
        DataType.Kind kind = decoder.kindOf(f);
        switch (value) {
            case VALUE_NULL:
                return decoder.writeNull(f, out, "null");
            case VALUE_STRING:
                return decoder.decode(f, p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), out);
            case VALUE_NUMBER_INT:
                if (kind == DataType.Kind.BIGINT || kind == DataType.Kind.INT) {
                    try {
                        if (kind == DataType.Kind.INT) {
                            out.setInt(f, p.getIntValue());
                        } else {
                            out.setLong(f, p.getLongValue());
                        }
                        return null;
                    } catch (InputCoercionException e) {
                        return Rejection.of(RejectReason.OUT_OF_RANGE, schema.field(f).name(), p.getText(), decoder.expected(f), null);
                    }
                }
                return numberAs(f, p, kind, out);
            case VALUE_NUMBER_FLOAT:
                if (kind == DataType.Kind.BIGINT || kind == DataType.Kind.INT) {
                    return Rejection.of(RejectReason.TYPE_MISMATCH, schema.field(f).name(), p.getText(), decoder.expected(f),
                            "not a whole number");
                }
                return numberAs(f, p, kind, out);
            case VALUE_TRUE:
            case VALUE_FALSE:
                if (kind == DataType.Kind.BOOLEAN) {
                    out.setBoolean(f, value == JsonToken.VALUE_TRUE);
                    return null;
                }
                if (kind == DataType.Kind.STRING) {
                    char[] text = p.getText().toCharArray();
                    out.setString(f, text, 0, text.length);
                    return null;
                }
                return Rejection.of(RejectReason.TYPE_MISMATCH, schema.field(f).name(), p.getText(), decoder.expected(f), null);
            default: // an object or array where a scalar belongs
                String preview = valuePreview(p, value);
                return Rejection.of(RejectReason.TYPE_MISMATCH, schema.field(f).name(), preview, decoder.expected(f),
                        "found a JSON " + (value == JsonToken.START_OBJECT ? "object" : "array"));
        }
    }

    private Rejection numberAs(int f, JsonParser p, DataType.Kind kind, RowWriter out) throws IOException {
        switch (kind) {
            case DOUBLE:
                out.setDouble(f, p.getDoubleValue());
                return null;
            case DECIMAL:
                return decoder.writeDecimal(f, p.getDecimalValue(), out, null, 0, 0);
            default: // STRING keeps the number's text; DATE/TIMESTAMP/BOOLEAN try their patterns on it
                return decoder.decode(f, p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), out);
        }
    }

    private static String valuePreview(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            p.skipChildren();
            return value == JsonToken.START_OBJECT ? "{...}" : "[...]";
        }
        return p.getText();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + t.asString() + "'";
        };
    }

    private static String preview(byte[] buf, int off, int len) {
        return new String(buf, off, Math.min(len, Rejection.MAX_RAW_VALUE_CHARS * 2), java.nio.charset.StandardCharsets.UTF_8);
    }
}
