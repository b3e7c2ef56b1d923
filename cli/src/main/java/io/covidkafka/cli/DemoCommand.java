package io.covidkafka.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code demo} command is written. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs the whole pipeline in one process (embedded broker, connector, Spark). (not built yet)")
final class DemoCommand extends NotBuiltYetCommand {
}
