package io.covidkafka.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bench/run}: one named benchmark per JVM, every variant of it in that JVM. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "covid-kafka benchmarks: each compares our component with what users run instead.",
        subcommands = {ConnectorBench.class, ConnectStagesBench.class, SparkReadBench.class, SparkWriteBench.class, ParseBench.class})
public final class BenchMain {

    public static void main(String[] args) {
        int code = new CommandLine(new BenchMain()).execute(args);
        System.exit(code);
    }
}
