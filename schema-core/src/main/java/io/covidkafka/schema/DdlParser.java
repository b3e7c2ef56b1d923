package io.covidkafka.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the column-list subset of Spark SQL DDL: {@code name TYPE [NOT NULL] [COMMENT '...'], ...}.
 * Names may be back-quoted. Errors say what was expected and at which character position.
 */
final class DdlParser {

    private final String ddl;
    private int pos;

    DdlParser(String ddl) {
        if (ddl == null || ddl.isBlank()) {
            throw new SchemaException("schema DDL is empty; expected e.g. 'Date DATE NOT NULL, Province STRING'");
        }
        this.ddl = ddl;
    }

    List<SchemaField> parseFields() {
        List<SchemaField> fields = new ArrayList<>();
        while (true) {
            skipSpaces();
            String name = parseName();
            skipSpaces();
            DataType type = parseType(name);
            boolean nullable = true;
            skipSpaces();
            if (peekWord("NOT")) {
                int notAt = pos;
                pos += 3;
                skipSpaces();
                if (!peekWord("NULL")) {
                    throw error(notAt, "expected NULL after NOT");
                }
                pos += 4;
                nullable = false;
                skipSpaces();
            } else if (peekWord("NULL")) {
                pos += 4;
                skipSpaces();
            }
            if (peekWord("COMMENT")) {
                pos += 7;
                skipSpaces();
                skipQuotedComment();
                skipSpaces();
            }
            fields.add(new SchemaField(name, type, nullable));
            if (pos >= ddl.length()) {
                return fields;
            }
            if (ddl.charAt(pos) != ',') {
                throw error(pos, "expected ',' or end of schema after field '" + name + "', found '" + rest() + "'");
            }
            pos++;
        }
    }

    private String parseName() {
        if (pos >= ddl.length()) {
            throw error(pos, "expected a field name, found end of schema");
        }
        if (ddl.charAt(pos) == '`') {
            StringBuilder sb = new StringBuilder();
            int start = pos++;
            while (true) {
                if (pos >= ddl.length()) {
                    throw error(start, "unterminated back-quoted name");
                }
                char c = ddl.charAt(pos++);
                if (c == '`') {
                    if (pos < ddl.length() && ddl.charAt(pos) == '`') {
                        sb.append('`');
                        pos++;
                    } else {
                        return sb.toString();
                    }
                } else {
                    sb.append(c);
                }
            }
        }
        int start = pos;
        while (pos < ddl.length() && isNameChar(ddl.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error(pos, "expected a field name, found '" + rest() + "'");
        }
        return ddl.substring(start, pos);
    }

    private DataType parseType(String field) {
        int start = pos;
        while (pos < ddl.length() && Character.isLetter(ddl.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error(pos, "expected a type for field '" + field + "', found '" + rest() + "'");
        }
        String word = ddl.substring(start, pos).toUpperCase(Locale.ROOT);
        switch (word) {
            case "STRING": case "VARCHAR": case "CHAR": case "TEXT":
                skipLengthSuffix();
                return DataType.STRING;
            case "INT": case "INTEGER":
                return DataType.INT;
            case "BIGINT": case "LONG":
                return DataType.BIGINT;
            case "DOUBLE":
                return DataType.DOUBLE;
            case "BOOLEAN":
                return DataType.BOOLEAN;
            case "DATE":
                return DataType.DATE;
            case "TIMESTAMP":
                return DataType.TIMESTAMP;
            case "DECIMAL": case "DEC": case "NUMERIC":
                return parseDecimalArgs(start);
            default:
                throw error(start, "unknown type '" + ddl.substring(start, pos) + "' for field '" + field
                        + "'; expected one of STRING, INT, BIGINT, DOUBLE, DECIMAL(p,s), BOOLEAN, DATE, TIMESTAMP");
        }
    }

    private DataType parseDecimalArgs(int typeStart) {
        skipSpaces();
        if (pos >= ddl.length() || ddl.charAt(pos) != '(') {
            return DataType.decimal(10, 0); // Spark's default for a bare DECIMAL
        }
        pos++;
        int precision = parseInt();
        int scale = 0;
        skipSpaces();
        if (pos < ddl.length() && ddl.charAt(pos) == ',') {
            pos++;
            scale = parseInt();
            skipSpaces();
        }
        if (pos >= ddl.length() || ddl.charAt(pos) != ')') {
            throw error(pos, "expected ')' to close DECIMAL(");
        }
        pos++;
        try {
            return DataType.decimal(precision, scale);
        } catch (IllegalArgumentException e) {
            throw error(typeStart, e.getMessage());
        }
    }

    private void skipLengthSuffix() {
        skipSpaces();
        if (pos < ddl.length() && ddl.charAt(pos) == '(') {
            pos++;
            parseInt();
            skipSpaces();
            if (pos >= ddl.length() || ddl.charAt(pos) != ')') {
                throw error(pos, "expected ')'");
            }
            pos++;
        }
    }

    private int parseInt() {
        skipSpaces();
        int start = pos;
        while (pos < ddl.length() && Character.isDigit(ddl.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error(pos, "expected a number, found '" + rest() + "'");
        }
        try {
            return Integer.parseInt(ddl.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error(start, "number too large");
        }
    }

    private void skipQuotedComment() {
        if (pos >= ddl.length() || (ddl.charAt(pos) != '\'' && ddl.charAt(pos) != '"')) {
            throw error(pos, "expected a quoted comment");
        }
        char quote = ddl.charAt(pos);
        int start = pos++;
        while (pos < ddl.length() && ddl.charAt(pos) != quote) {
            pos += ddl.charAt(pos) == '\\' ? 2 : 1;
        }
        if (pos >= ddl.length()) {
            throw error(start, "unterminated comment");
        }
        pos++;
    }

    private boolean peekWord(String word) {
        int end = pos + word.length();
        return end <= ddl.length() && ddl.regionMatches(true, pos, word, 0, word.length())
                && (end == ddl.length() || !isNameChar(ddl.charAt(end)));
    }

    private void skipSpaces() {
        while (pos < ddl.length() && Character.isWhitespace(ddl.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private String rest() {
        if (pos >= ddl.length()) {
            return "";
        }
        String r = ddl.substring(pos);
        return r.length() > 20 ? r.substring(0, 20) + "..." : r;
    }

    private SchemaException error(int at, String what) {
        return new SchemaException("bad schema DDL at position " + (at + 1) + ": " + what + " (in: " + ddl + ")");
    }
}
