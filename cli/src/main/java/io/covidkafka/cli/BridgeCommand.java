package io.covidkafka.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code bridge} command is written. */
@Command(name = "bridge", mixinStandardHelpOptions = true, description = "Bridges a feed into Kafka and on to Spark. (not built yet)")
final class BridgeCommand extends NotBuiltYetCommand {
}
