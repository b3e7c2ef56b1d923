package io.covidkafka.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code consume} command is written. */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Consumes typed records from a Kafka topic. (not built yet)")
final class ConsumeCommand extends NotBuiltYetCommand {
}
