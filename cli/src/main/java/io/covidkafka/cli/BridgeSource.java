package io.covidkafka.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Where {@code bridge} reads: one of Spark's streaming sources, named by a URI. */
sealed interface BridgeSource {

    /** {@code socket://HOST:PORT}: Spark's socket source, one record per line (for tests and demos, not fault tolerant). */
    record Socket(String host, int port) implements BridgeSource {
    }

    /** {@code rate://?rowsPerSecond=N}: Spark's rate source turned into synthetic COVID records (load tests). */
    record Rate(int rowsPerSecond, int numPartitions) implements BridgeSource {
    }

    /** {@code file:///DIR}: new files in a folder, one record per line. */
    record Files(Path dir) implements BridgeSource {
    }

    String USAGE = "expected socket://HOST:PORT, rate://?rowsPerSecond=N or file:///DIR";

    static BridgeSource parse(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "rate:", 0, 5)) {
            // "rate://" and "rate://?..." have no authority, which java.net.URI does not accept: read the query here
            int q = t.indexOf('?');
            return rate(q < 0 ? Map.of() : query(t.substring(q + 1), text), text);
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new UsageException("--from: '" + text + "' is not a URI: " + USAGE);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "socket" -> {
                if (uri.getHost() == null || uri.getPort() < 1) {
                    throw new UsageException("--from: '" + text + "' needs a host and a port: socket://HOST:PORT");
                }
                return new Socket(uri.getHost(), uri.getPort());
            }
            case "file" -> {
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new UsageException("--from: '" + text + "' has no folder: file:///DIR");
                }
                Path dir = Path.of(uri.getPath());
                if (!java.nio.file.Files.isDirectory(dir)) {
                    throw new UsageException("--from: no such folder: " + dir);
                }
                return new Files(dir);
            }
            default -> throw new UsageException("--from: unsupported source '" + text + "': " + USAGE);
        }
    }

    private static Rate rate(Map<String, String> options, String text) {
        Map<String, String> q = new HashMap<>(options);
        int rps = positive(q.getOrDefault("rowsPerSecond", "100"), "rowsPerSecond", text);
        int partitions = positive(q.getOrDefault("numPartitions", "2"), "numPartitions", text);
        q.remove("rowsPerSecond");
        q.remove("numPartitions");
        if (!q.isEmpty()) {
            throw new UsageException("--from: unknown rate option(s) " + q.keySet() + " in '" + text
                    + "' (known: rowsPerSecond, numPartitions)");
        }
        return new Rate(rps, partitions);
    }

    private static Map<String, String> query(String q, String text) {
        Map<String, String> out = new HashMap<>();
        if (q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--from: bad option '" + pair + "' in '" + text + "' (expected name=value)");
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    private static int positive(String value, String name, String text) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--from: " + name + " must be a positive whole number, was '" + value + "' in '" + text + "'");
    }
}
