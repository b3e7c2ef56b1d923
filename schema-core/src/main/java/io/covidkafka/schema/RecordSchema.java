package io.covidkafka.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** An ordered, immutable list of typed fields, declared with a Spark SQL DDL string. */
public final class RecordSchema {

    /** The built-in default: the COVID-19 daily record of the PHAC feed. */
    public static final String COVID_DDL =
            "Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT, Recovered BIGINT, Deaths BIGINT, NumberToday BIGINT";

    private static final RecordSchema COVID = parse(COVID_DDL);

    private final List<SchemaField> fields;
    private final Map<String, Integer> indexByLowerName;

    public RecordSchema(List<SchemaField> fields) {
        if (fields.isEmpty()) {
            throw new SchemaException("a schema needs at least one field");
        }
        this.fields = List.copyOf(fields);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String key = fields.get(i).name().toLowerCase(Locale.ROOT);
            if (index.putIfAbsent(key, i) != null) {
                throw new SchemaException("duplicate field name '" + fields.get(i).name() + "' (names are case-insensitive)");
            }
        }
        this.indexByLowerName = Collections.unmodifiableMap(index);
    }

    /** Parses DDL such as {@code "Date DATE NOT NULL, Province STRING"}; errors name the position. */
    public static RecordSchema parse(String ddl) {
        return new RecordSchema(new DdlParser(ddl).parseFields());
    }

    /** The COVID-19 daily record schema. */
    public static RecordSchema covid() {
        return COVID;
    }

    public List<SchemaField> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public SchemaField field(int index) {
        return fields.get(index);
    }

    /** Index of the field with this name, case-insensitively, or -1. */
    public int indexOf(String name) {
        Integer i = indexByLowerName.get(name.toLowerCase(Locale.ROOT));
        return i == null ? -1 : i;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (SchemaField f : fields) {
            names.add(f.name());
        }
        return names;
    }

    /** DDL that {@link #parse} turns back into an equal schema. */
    public String toDdl() {
        return fields.stream().map(SchemaField::toDdl).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordSchema other && other.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return toDdl();
    }
}
