package io.covidkafka.schema;

/**
 * One declared column: its name, type and whether it may be null.
 *
 * @param name     the column name as declared (case kept; lookups are case-insensitive like Spark's)
 * @param type     the column type
 * @param nullable false when declared {@code NOT NULL}
 */
public record SchemaField(String name, DataType type, boolean nullable) {

    public String toDdl() {
        return quoteIfNeeded(name) + " " + type.sql() + (nullable ? "" : " NOT NULL");
    }

    static String quoteIfNeeded(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!plain) {
                return "`" + name.replace("`", "``") + "`";
            }
        }
        return name.isEmpty() ? "``" : name;
    }
}
