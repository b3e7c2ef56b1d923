package io.covidkafka.bench;

import picocli.CommandLine.Option;

/** Options every benchmark takes (a picocli mixin). */
final class RunOptions {

    @Option(names = "--warmup", defaultValue = "1", description = "Warm-up rounds, run and discarded (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", defaultValue = "3", description = "Counted rounds; the median is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--only", split = ",",
            description = "Run only the variants whose name contains one of these words (e.g. for profiling one).")
    java.util.List<String> only;

    java.util.List<Variant> select(java.util.List<Variant> all) {
        if (only == null || only.isEmpty()) {
            return all;
        }
        return all.stream().filter(v -> only.stream().anyMatch(w -> v.name().contains(w))).toList();
    }

    static void printHeader(String what, long rows, RunOptions o) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%s: %,d rows, %d warm-up + %d counted rounds; %s %s (%s), %d CPUs, max heap %,d MiB, %s%n",
                what, rows, o.warmup, o.repeats, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.arch"),
                rt.availableProcessors(), rt.maxMemory() >> 20, java.time.LocalDateTime.now().withNano(0));
        System.out.println("load average at start: " + loadAverage());
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Paths.get("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }
}
