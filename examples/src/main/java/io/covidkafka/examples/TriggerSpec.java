package io.covidkafka.examples;

import org.apache.spark.sql.streaming.Trigger;

import java.time.Duration;
import java.util.Locale;

/** A trigger as given on the command line: {@code processing-time:2s}, {@code available-now}, {@code once},
 * {@code continuous:1s}. */
record TriggerSpec(Kind kind, Duration interval) {

    enum Kind { PROCESSING_TIME, AVAILABLE_NOW, ONCE, CONTINUOUS }

    static TriggerSpec parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        int colon = v.indexOf(':');
        String name = colon < 0 ? v : v.substring(0, colon);
        Duration interval = colon < 0 ? null : Durations.parse(v.substring(colon + 1));
        switch (name) {
            case "available-now":
                return new TriggerSpec(Kind.AVAILABLE_NOW, null);
            case "once":
                return new TriggerSpec(Kind.ONCE, null);
            case "processing-time":
                return new TriggerSpec(Kind.PROCESSING_TIME, interval == null ? Duration.ZERO : interval);
            case "continuous":
                return new TriggerSpec(Kind.CONTINUOUS, interval == null ? Duration.ofSeconds(1) : interval);
            default:
                throw new IllegalArgumentException("unknown trigger '" + s
                        + "': use processing-time:INTERVAL, available-now, once or continuous:INTERVAL");
        }
    }

    @SuppressWarnings("deprecation") // Trigger.Once: still the way to say "one batch", AvailableNow replaces it
    Trigger toTrigger() {
        return switch (kind) {
            case AVAILABLE_NOW -> Trigger.AvailableNow();
            case ONCE -> Trigger.Once();
            case PROCESSING_TIME -> Trigger.ProcessingTime(interval.toMillis());
            case CONTINUOUS -> Trigger.Continuous(interval.toMillis());
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + (interval == null ? "" : ":" + interval);
    }
}
