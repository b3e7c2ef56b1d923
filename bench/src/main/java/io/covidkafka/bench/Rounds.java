package io.covidkafka.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every variant once per round, in turn (A B C, A B C, ...), so that drift in the machine's speed (other
 * builds on the same 2 cores) hits all variants alike; the warm-up rounds are run and thrown away. Reports the
 * median rows/s of each variant and each ratio both as ratio of medians and as median of the per-round ratios.
 */
final class Rounds {

    private final List<Variant> variants;
    private final int warmup;
    private final int repeats;
    private final PrintStream out;
    private final Map<String, List<Trial>> trials = new LinkedHashMap<>();
    private int round;

    Rounds(List<Variant> variants, int warmup, int repeats, PrintStream out) {
        this.variants = variants;
        this.warmup = warmup;
        this.repeats = repeats;
        this.out = out;
        variants.forEach(v -> trials.put(v.name(), new ArrayList<>()));
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Runs the variant once, adding the JVM's CPU time over the run (set-up of the run included). */
    private Trial measure(Variant v) throws Exception {
        long cpu0 = OS.getProcessCpuTime();
        Trial t = v.run(round++);
        return t.withCpu(OS.getProcessCpuTime() - cpu0);
    }

    Rounds run() throws Exception {
        for (int w = 0; w < warmup; w++) {
            for (Variant v : variants) {
                Trial t = measure(v);
                out.printf("  warm-up %d  %-44s %,12.0f rows/s %,12.0f rows/CPU-s  (%,d rows in %.2f s, CPU %.2f s) %s%n",
                        w + 1, v.name(), t.rowsPerSecond(), t.rowsPerCpuSecond(), t.rows(), t.nanos() / 1e9,
                        t.cpuNanos() / 1e9, t.note());
            }
        }
        for (int r = 0; r < repeats; r++) {
            for (Variant v : variants) {
                Trial t = measure(v);
                trials.get(v.name()).add(t);
                out.printf("  run %d      %-44s %,12.0f rows/s %,12.0f rows/CPU-s  (%,d rows in %.2f s, CPU %.2f s) %s%n",
                        r + 1, v.name(), t.rowsPerSecond(), t.rowsPerCpuSecond(), t.rows(), t.nanos() / 1e9,
                        t.cpuNanos() / 1e9, t.note());
            }
        }
        return this;
    }

    double median(String variant) {
        return median(trials.get(variant).stream().mapToDouble(Trial::rowsPerSecond).toArray());
    }

    double medianPerCpu(String variant) {
        return median(trials.get(variant).stream().mapToDouble(Trial::rowsPerCpuSecond).toArray());
    }

    /** Median over the rounds of (a's rows/s / b's rows/s) in the same round. */
    double pairedRatio(String a, String b) {
        return paired(a, b, Trial::rowsPerSecond);
    }

    private double paired(String a, String b, java.util.function.ToDoubleFunction<Trial> metric) {
        List<Trial> ta = trials.get(a);
        List<Trial> tb = trials.get(b);
        double[] r = new double[ta.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = metric.applyAsDouble(ta.get(i)) / metric.applyAsDouble(tb.get(i));
        }
        return median(r);
    }

    /** Markdown table: variant, median / min / max rows/s, median seconds. */
    void printTable() {
        out.println();
        out.println("| variant | median rows/s | min rows/s | max rows/s | median s | median rows per CPU-s | rows |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Trial>> e : trials.entrySet()) {
            double[] rps = e.getValue().stream().mapToDouble(Trial::rowsPerSecond).toArray();
            double[] secs = e.getValue().stream().mapToDouble(t -> t.nanos() / 1e9).toArray();
            long rows = e.getValue().isEmpty() ? 0 : e.getValue().get(0).rows();
            out.printf("| %s | %,.0f | %,.0f | %,.0f | %.2f | %,.0f | %,d |%n", e.getKey(), median(rps),
                    Arrays.stream(rps).min().orElse(0), Arrays.stream(rps).max().orElse(0), median(secs),
                    medianPerCpu(e.getKey()), rows);
        }
        out.println();
    }

    /** One line per ratio, with the target it is held against (null: no target). */
    void printRatio(String a, String b, Double target) {
        if (!trials.containsKey(a) || !trials.containsKey(b)) {
            return;
        }
        double paired = pairedRatio(a, b);
        double ofMedians = median(a) / median(b);
        String verdict = target == null ? "" : String.format("  target >= %.2f: %s", target,
                paired >= target ? "MET" : "MISSED");
        out.printf("ratio %s / %s = %.2f (median of per-round ratios; ratio of medians %.2f; per CPU-second %.2f)%s%n",
                a, b, paired, ofMedians, paired(a, b, Trial::rowsPerCpuSecond), verdict);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
