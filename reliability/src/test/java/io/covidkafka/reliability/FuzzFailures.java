package io.covidkafka.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Inputs that broke a contract (threw, hung, violated accepted+rejected=total...), kept for the assertion message
 * and written in full (base64) to {@code target/reliability-results/fuzz-failures-<name>.txt} for replay.
 */
final class FuzzFailures {

    private static final int KEEP = 20;

    private final String name;
    private final List<String> shown = new ArrayList<>();
    private long count;

    FuzzFailures(String name) {
        this.name = name;
    }

    synchronized void add(String what, Mutator.Kind kind, byte[] input, Throwable error) {
        count++;
        String line = what + " [" + kind + "] " + (error == null ? "" : error + " ") + "input(base64)="
                + Base64.getEncoder().encodeToString(input.length > 4096 ? java.util.Arrays.copyOf(input, 4096) : input);
        if (shown.size() < KEEP) {
            shown.add(line.length() > 600 ? line.substring(0, 600) + "..." : line);
        }
        try {
            Files.createDirectories(Results.dir());
            Files.writeString(Results.dir().resolve("fuzz-failures-" + name + ".txt"), line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count() {
        return count;
    }

    String summary() {
        return count + " failing input(s), first ones:\n" + String.join("\n", shown);
    }
}
