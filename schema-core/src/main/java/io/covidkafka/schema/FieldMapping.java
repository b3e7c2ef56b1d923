package io.covidkafka.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps source column (CSV header) or JSON field names onto schema fields. Source names that are not mapped
 * explicitly match a schema field of the same name, case-insensitively.
 */
public final class FieldMapping {

    /** The Public Health Agency of Canada {@code covid19.csv} columns onto the COVID schema. */
    public static final String PHAC_PRESET = "phac";

    private static final FieldMapping IDENTITY = new FieldMapping(Map.of());
    private static final FieldMapping PHAC = new FieldMapping(orderedMap(
            "prname", "Province",
            "date", "Date",
            "numconf", "Confirmed",
            "numrecover", "Recovered",
            "numdeaths", "Deaths",
            "numtoday", "NumberToday"));

    private final Map<String, String> sourceToField; // keys lower-cased

    private FieldMapping(Map<String, String> sourceToField) {
        Map<String, String> lower = new LinkedHashMap<>();
        sourceToField.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        this.sourceToField = Collections.unmodifiableMap(lower);
    }

    public static FieldMapping identity() {
        return IDENTITY;
    }

    public static FieldMapping of(Map<String, String> sourceToField) {
        return sourceToField.isEmpty() ? IDENTITY : new FieldMapping(sourceToField);
    }

    /**
     * Parses a preset name ({@code phac}) or explicit pairs {@code source:field,source2:field2}
     * ({@code source=field} is accepted too). Blank means identity.
     */
    public static FieldMapping parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return IDENTITY;
        }
        String trimmed = spec.trim();
        if (trimmed.equalsIgnoreCase(PHAC_PRESET)) {
            return PHAC;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : trimmed.split(",")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int sep = p.indexOf(':');
            if (sep < 0) {
                sep = p.indexOf('=');
            }
            if (sep <= 0 || sep == p.length() - 1) {
                throw new SchemaException("bad field mapping entry '" + p
                        + "'; expected source:field pairs separated by commas, or the preset '" + PHAC_PRESET + "'");
            }
            String source = p.substring(0, sep).trim();
            if (pairs.put(source, p.substring(sep + 1).trim()) != null) {
                throw new SchemaException("field mapping names source '" + source + "' twice");
            }
        }
        return of(pairs);
    }

    /**
     * Checks that every explicit mapping target is a field of the schema (a typo there would silently drop a
     * column). A preset may name fields a narrower schema leaves out.
     */
    public FieldMapping validateAgainst(RecordSchema schema) {
        if (this == PHAC) {
            return this;
        }
        for (Map.Entry<String, String> e : sourceToField.entrySet()) {
            if (schema.indexOf(e.getValue()) < 0) {
                throw new SchemaException("field mapping '" + e.getKey() + ":" + e.getValue()
                        + "' targets a field that is not in the schema; schema fields are " + schema.names());
            }
        }
        return this;
    }

    /** The schema field index a source name feeds, or -1 when it feeds none. */
    public int fieldIndex(String sourceName, RecordSchema schema) {
        String target = sourceToField.get(sourceName.toLowerCase(Locale.ROOT));
        return schema.indexOf(target != null ? target : sourceName);
    }

    /** The source name that feeds a schema field when reading by position or writing. */
    public String sourceNameOf(String fieldName) {
        for (Map.Entry<String, String> e : sourceToField.entrySet()) {
            if (e.getValue().equalsIgnoreCase(fieldName)) {
                return e.getKey();
            }
        }
        return fieldName;
    }

    public Map<String, String> asMap() {
        return sourceToField;
    }

    public boolean isIdentity() {
        return sourceToField.isEmpty();
    }

    /** The spec that {@link #parse} turns back into this mapping. */
    public String toSpec() {
        if (this == PHAC) {
            return PHAC_PRESET;
        }
        StringBuilder sb = new StringBuilder();
        sourceToField.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append(':').append(v));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldMapping other && other.sourceToField.equals(sourceToField);
    }

    @Override
    public int hashCode() {
        return sourceToField.hashCode();
    }

    @Override
    public String toString() {
        return toSpec();
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
