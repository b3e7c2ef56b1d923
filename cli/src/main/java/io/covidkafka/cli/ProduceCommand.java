package io.covidkafka.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code produce} command is written. */
@Command(name = "produce", mixinStandardHelpOptions = true, description = "Produces a feed's records to a Kafka topic. (not built yet)")
final class ProduceCommand extends NotBuiltYetCommand {
}
