package io.covidkafka.schema;

/** Why a record was rejected. */
public enum RejectReason {
    /** The record is not well-formed CSV or JSON (unbalanced quote, truncated object, not an object...). */
    MALFORMED_RECORD("malformed record"),
    /** A value does not parse as the field's declared type. */
    TYPE_MISMATCH("value does not match the type"),
    /** A NOT NULL field is null, empty or a null token. */
    NULL_NOT_ALLOWED("null in a NOT NULL field"),
    /** A field is absent from the record and the missing-field policy is reject. */
    MISSING_FIELD("field missing"),
    /** The record has a field or column the schema does not know and the unknown-field policy is reject. */
    UNKNOWN_FIELD("unknown field"),
    /** A value is outside the declared type's range or precision. */
    OUT_OF_RANGE("value out of range"),
    /** The record is larger than the configured maximum record size. */
    RECORD_TOO_LARGE("record too large");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
