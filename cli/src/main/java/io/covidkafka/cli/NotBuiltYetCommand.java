package io.covidkafka.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.concurrent.Callable;

/** Base of the commands another engineer has still to write: says so and exits 2. */
abstract class NotBuiltYetCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("covid-kafka " + spec.name() + ": not built yet");
        spec.commandLine().getErr().flush();
        return 2;
    }
}
