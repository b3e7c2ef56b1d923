package io.covidkafka.schema;

import java.util.Locale;

/** Wire formats of a feed record. */
public enum FeedFormat {
    /** RFC 4180 CSV, one record per row (quoted fields may span lines). */
    CSV,
    /** JSON objects: one per line, concatenated, or the elements of a top-level array. */
    JSON;

    public static FeedFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SchemaException("unknown format '" + name + "'; expected csv or json");
        }
    }
}
