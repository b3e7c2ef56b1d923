package io.covidkafka.schema;

/** A schema, mapping or format setting that cannot be used; the message says which and where. */
public class SchemaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
