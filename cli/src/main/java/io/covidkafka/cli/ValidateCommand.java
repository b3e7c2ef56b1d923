package io.covidkafka.cli;

import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.Rejection;
import io.covidkafka.schema.RowWriter;
import io.covidkafka.schema.SchemaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code validate}: reads feeds through the schema core's {@link FeedReader}, exactly as the connector and the
 * Spark source do, and reports what would be accepted and why the rest would be rejected.
 * Exit 0 when every record was accepted, 1 when some were rejected, 2 on bad usage or configuration.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 3,
        description = "Checks feeds against a schema with the connector's own parser: counts and rejection reasons.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files, globs, directories or http(s) URLs (.gz read transparently).")
    List<String> inputs;

    @CommandLine.Mixin
    FeedSettings settings;

    @Option(names = "--json", description = "Print one JSON summary object per input instead of the table.")
    boolean json;

    @Option(names = "--output", paramLabel = "FILE", description = "Write accepted records as JSON lines (ISO dates).")
    Path output;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Write rejected raw records with reason, line and offset (JSON lines).")
    Path rejects;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<FeedInput> feeds = FeedInput.expand(inputs);
            ParseOptions options = settings.toParseOptions(feeds.get(0).name());
            long rejected = 0;
            try (JsonRowWriter accepted = output == null ? null
                        : new JsonRowWriter(new BufferedOutputStream(Files.newOutputStream(output), 1 << 16), options.schema());
                 RejectsWriter rejectsOut = rejects == null ? null
                        : new RejectsWriter(new BufferedOutputStream(Files.newOutputStream(rejects), 1 << 16))) {
                for (FeedInput feed : feeds) {
                    ValidationReport r = validate(feed, options, accepted, rejectsOut, err);
                    rejected += r.rejected;
                    if (json) {
                        out.println(ReportPrinter.json(r));
                    } else {
                        ReportPrinter.text(r, out);
                    }
                    out.flush();
                }
            }
            return rejected == 0 ? 0 : 1;
        } catch (UsageException e) {
            err.println("covid-kafka validate: " + e.getMessage());
            return 2;
        } catch (SchemaException e) {
            err.println("covid-kafka validate: " + e.getMessage());
            return 2;
        } catch (IOException | java.io.UncheckedIOException e) {
            // unreadable input or unwritable output: the run checked nothing reliable
            err.println("covid-kafka validate: " + e.getMessage());
            return 2;
        }
    }

    private static ValidationReport validate(FeedInput feed, ParseOptions options, JsonRowWriter accepted,
                                             RejectsWriter rejectsOut, PrintWriter err) throws IOException {
        ValidationReport report = new ValidationReport(feed.name());
        Progress progress = new Progress(err, feed.name());
        RowWriter sink = accepted != null ? accepted : DiscardingRowWriter.INSTANCE;
        long start = System.nanoTime();
        try (InputStream in = feed.open(); FeedReader reader = FeedReader.open(in, options)) {
            while (reader.next(sink)) {
                Rejection r = reader.rejection();
                if (r == null) {
                    report.accepted++;
                } else {
                    report.reject(r);
                    if (rejectsOut != null) {
                        rejectsOut.write(feed.name(), reader, r);
                    }
                }
                if (accepted != null) {
                    accepted.finish(r == null);
                }
                if ((reader.recordsRead() & 0x3fff) == 0) {
                    progress.update(reader.recordsRead(), reader.bytesRead());
                }
            }
            report.records = reader.recordsRead();
            report.bytes = reader.bytesRead();
        } catch (SchemaException e) {
            throw new UsageException(feed.name() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IOException(feed.name() + ": " + e.getMessage(), e);
        } finally {
            progress.done();
        }
        report.nanos = System.nanoTime() - start;
        return report;
    }
}
