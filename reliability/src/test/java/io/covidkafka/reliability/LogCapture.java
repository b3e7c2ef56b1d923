package io.covidkafka.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures what this JVM logs (through Log4j 2, where SLF4J goes in the tests) while it is open, optionally
 * with some loggers turned up, so a test can assert on error messages or on what must never be logged.
 */
final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final List<String> raised;

    /** @param raiseToInfo logger names set to INFO while capturing (restored to WARN after) */
    LogCapture(String... raiseToInfo) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder sb = new StringBuilder().append(event.getLevel()).append(' ')
                        .append(event.getLoggerName()).append(" - ").append(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    sb.append(" | ").append(t);
                }
                lines.add(sb.toString());
            }
        };
        appender.start();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        ctx.updateLoggers();
        raised = List.of(raiseToInfo);
        for (String name : raised) {
            Configurator.setLevel(name, Level.INFO);
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<String> matching(String needle) {
        return lines.stream().filter(l -> l.contains(needle)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
        ctx.updateLoggers();
        appender.stop();
        for (String name : raised) {
            Configurator.setLevel(name, Level.WARN);
        }
    }
}
