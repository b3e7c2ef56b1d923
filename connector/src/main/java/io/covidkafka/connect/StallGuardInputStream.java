package io.covidkafka.connect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP body whose read() may not block longer than the read timeout. {@code java.net.http} times out only the
 * wait for the response headers: a server that stalls mid-body would block the task's poll() (and its stop())
 * forever. A watchdog closes the stream of a read that waits too long, which unblocks the read with an IOException,
 * reported here as an {@link HttpTimeoutException} so the poller retries it like any timeout.
 */
final class StallGuardInputStream extends FilterInputStream {

    /** One daemon thread for every guarded body in the worker: it only compares two numbers per check. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "covidkafka-http-body-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final long timeoutMs;
    private final String url;
    private final ScheduledFuture<?> check;
    private volatile long readingSince; // 0 while no read is in progress
    private volatile boolean timedOut;

    StallGuardInputStream(InputStream in, long timeoutMs, String url) {
        super(in);
        this.timeoutMs = timeoutMs;
        this.url = url;
        long period = Math.max(10, Math.min(timeoutMs / 4, 1_000));
        this.check = WATCHDOG.scheduleAtFixedRate(this::closeIfStalled, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeIfStalled() {
        long since = readingSince;
        if (since != 0 && System.currentTimeMillis() - since > timeoutMs) {
            timedOut = true;
            check.cancel(false);
            try {
                in.close();
            } catch (IOException ignored) {
                // the blocked read reports the timeout
            }
        }
    }

    @Override
    public int read() throws IOException {
        readingSince = System.currentTimeMillis();
        try {
            return super.read();
        } catch (IOException e) {
            throw timedOut ? timeout(e) : e;
        } finally {
            readingSince = 0;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        readingSince = System.currentTimeMillis();
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw timedOut ? timeout(e) : e;
        } finally {
            readingSince = 0;
        }
    }

    private HttpTimeoutException timeout(IOException cause) {
        HttpTimeoutException t = new HttpTimeoutException("no body bytes from " + url + " for more than http.read.timeout.ms="
                + timeoutMs + " ms");
        t.initCause(cause);
        return t;
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
