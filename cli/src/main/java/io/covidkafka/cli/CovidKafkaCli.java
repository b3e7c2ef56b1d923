package io.covidkafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code covid-kafka} command line. Each subcommand is its own class so that commands can be written and
 * replaced independently; exit codes come from each command's {@code call()}.
 */
@Command(name = "covid-kafka",
        exitCodeOnExecutionException = 3,
        modelTransformer = CovidKafkaCli.NoAtFiles.class,
        mixinStandardHelpOptions = true,
        versionProvider = CovidKafkaCli.Version.class,
        description = "Moves CSV/JSON feeds through Kafka into Spark and back, with one enforced, typed schema.",
        subcommands = {
                ValidateCommand.class,
                InferCommand.class,
                DemoCommand.class,
                BridgeCommand.class,
                ProduceCommand.class,
                ConsumeCommand.class,
        })
public final class CovidKafkaCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: bad usage or config is one line on stderr and exit 2, no stack trace. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CovidKafkaCli());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException || e instanceof io.covidkafka.schema.SchemaException
                    || e instanceof org.apache.spark.sql.AnalysisException) {
                // AnalysisException: a query that cannot start as configured (e.g. the columns do not fit the schema)
                commandLine.getErr().println("covid-kafka " + commandLine.getCommandName() + ": " + e.getMessage());
                commandLine.getErr().flush();
                return 2;
            }
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof org.apache.kafka.common.errors.AuthenticationException
                        || c instanceof org.apache.kafka.common.errors.AuthorizationException) {
                    // wrong credentials or a missing ACL: the user's to fix, so one line, not a stack trace
                    String hint = c instanceof org.apache.kafka.common.errors.AuthorizationException
                            ? " (this principal lacks an ACL: WRITE on the topic to produce, READ to consume)"
                            : " (check the -X sasl.* / ssl.* settings)";
                    commandLine.getErr().println("covid-kafka " + commandLine.getCommandName() + ": refused by Kafka: "
                            + c.getMessage() + hint);
                    commandLine.getErr().flush();
                    return 2;
                }
            }
            throw e;
        });
        return cl;
    }

    /** Without a subcommand: show usage and fail as bad usage. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /**
     * Turns off picocli's {@code @file} argument expansion: {@code --schema @schema.ddl} means "read the DDL from
     * this file", as in the connector's documentation, not "splice the file's words into the command line".
     * Done on the model so that every {@code new CommandLine(new CovidKafkaCli())} behaves the same.
     */
    static final class NoAtFiles implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.parser().expandAtFiles(false);
            return spec;
        }
    }

    /** Version from the jar manifest when packaged, else the development version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CovidKafkaCli.class.getPackage().getImplementationVersion();
            return new String[] {"covid-kafka " + (v != null ? v : "0.1.0-SNAPSHOT")};
        }
    }
}
