package io.covidkafka.schema;

import java.util.Objects;

/** A column type of a feed schema, named as in Spark SQL DDL. */
public final class DataType {

    /** The type families a schema may declare. */
    public enum Kind { STRING, INT, BIGINT, DOUBLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP }

    public static final DataType STRING = new DataType(Kind.STRING, 0, 0);
    public static final DataType INT = new DataType(Kind.INT, 0, 0);
    public static final DataType BIGINT = new DataType(Kind.BIGINT, 0, 0);
    public static final DataType DOUBLE = new DataType(Kind.DOUBLE, 0, 0);
    public static final DataType BOOLEAN = new DataType(Kind.BOOLEAN, 0, 0);
    public static final DataType DATE = new DataType(Kind.DATE, 0, 0);
    public static final DataType TIMESTAMP = new DataType(Kind.TIMESTAMP, 0, 0);

    /** Spark's bound on decimal precision. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    private final Kind kind;
    private final int precision;
    private final int scale;

    private DataType(Kind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    public static DataType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            throw new IllegalArgumentException("DECIMAL precision must be 1.." + MAX_DECIMAL_PRECISION + ", was " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("DECIMAL scale must be 0..precision (" + precision + "), was " + scale);
        }
        return new DataType(Kind.DECIMAL, precision, scale);
    }

    public Kind kind() {
        return kind;
    }

    /** Decimal precision; 0 for other kinds. */
    public int precision() {
        return precision;
    }

    /** Decimal scale; 0 for other kinds. */
    public int scale() {
        return scale;
    }

    /** The DDL spelling, e.g. {@code DECIMAL(10,2)}. */
    public String sql() {
        return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataType other && other.kind == kind && other.precision == precision && other.scale == scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale);
    }

    @Override
    public String toString() {
        return sql();
    }
}
