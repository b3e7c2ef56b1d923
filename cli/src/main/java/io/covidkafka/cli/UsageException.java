package io.covidkafka.cli;

/** Bad usage or configuration: reported as one line, exit status 2, no stack trace. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
