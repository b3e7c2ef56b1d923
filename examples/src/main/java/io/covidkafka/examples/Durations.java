package io.covidkafka.examples;

import picocli.CommandLine.ITypeConverter;

import java.time.Duration;
import java.util.Locale;

/** Durations as people type them: {@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h} (or ISO-8601 {@code PT5M}). */
final class Durations implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            switch (v.charAt(v.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                default: break;
            }
        } catch (RuntimeException e) {
            // fall through to the message below, which says what is accepted
        }
        throw new IllegalArgumentException("bad duration '" + value + "': use e.g. 500ms, 90s, 5m, 1h");
    }
}
