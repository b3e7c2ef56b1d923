package io.covidkafka.examples;

import picocli.CommandLine;

/** Runs an example job: {@code Examples NAME [options]} is what {@code examples/run} calls. */
public final class Examples {

    private Examples() {
    }

    /** Exits with the example's exit code (2 for bad arguments, as picocli does). */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        if (args.length == 0 || ExampleCatalog.find(args[0]) == null) {
            System.err.println(args.length == 0 ? "name an example" : "unknown example '" + args[0] + "'");
            System.err.println(ExampleCatalog.usage());
            return 2;
        }
        Object job = ExampleCatalog.find(args[0]).get();
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        return new CommandLine(job).execute(rest);
    }
}
