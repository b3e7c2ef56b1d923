package io.covidkafka.connect;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed URL: conditional GET (ETag / Last-Modified), retries server errors and timeouts with doubling
 * back-off, fails the task on client errors (404...). Keeps the feed's state (validators and row digest), which
 * {@link HttpBodyFeed} also writes into the source offset so it survives restarts.
 */
final class HttpPoller {

    private static final Logger log = LoggerFactory.getLogger(HttpPoller.class);

    static final String ETAG = "etag";
    static final String LAST_MODIFIED = "lastModified";
    static final String DIGEST = "digest";

    final String url;
    final Map<String, Object> partition;
    private final FeedSourceConfig config;
    private final HttpClient client;
    private final TaskMetrics metrics;
    String etag = "";
    String lastModified = "";
    Map<Long, Integer> digest = new HashMap<>();
    private long nextPollAt;
    private long backoffMs;

    HttpPoller(String url, FeedSourceConfig config, HttpClient client, TaskMetrics metrics, Map<String, ?> storedOffset) {
        this.url = url;
        this.partition = Map.of(FileOffsets.URL, url);
        this.config = config;
        this.client = client;
        this.metrics = metrics;
        if (storedOffset != null) {
            etag = stringEntry(storedOffset, ETAG);
            lastModified = stringEntry(storedOffset, LAST_MODIFIED);
            digest = RowDigest.decode(stringEntry(storedOffset, DIGEST));
            log.info("Feed {}: resuming with {} known rows, etag '{}'", url, digest.size(), etag);
        }
    }

    static HttpClient client(FeedSourceConfig config) {
        // TLS verification stays on: the default SSLContext checks certificates and host names.
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.httpConnectTimeoutMs))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Validates a stored or altered offset of a URL partition; throws IllegalArgumentException naming the entry. */
    static void validateOffset(Map<String, ?> offset) {
        stringEntry(offset, ETAG);
        stringEntry(offset, LAST_MODIFIED);
        RowDigest.decode(stringEntry(offset, DIGEST));
    }

    private static String stringEntry(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("url offset entry '" + key + "' must be a string, was " + v);
        }
        return s;
    }

    /** The offset holding the current state. */
    Map<String, Object> stateOffset() {
        Map<String, Object> m = new HashMap<>();
        m.put(ETAG, etag);
        m.put(LAST_MODIFIED, lastModified);
        m.put(DIGEST, RowDigest.encode(digest));
        return m;
    }

    boolean due(long now) {
        return now >= nextPollAt;
    }

    long nextPollAt() {
        return nextPollAt;
    }

    /** Fetches the feed when it changed: a body feed to read, or null (unchanged, or a retry is scheduled). */
    HttpBodyFeed poll(RecordFactory factory, long now) {
        metrics.httpPolls.increment();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(config.httpReadTimeoutMs))
                .header("Accept-Encoding", "gzip")
                .GET();
        config.httpHeaders.forEach(req::header);
        if (!config.httpUser.isBlank()) {
            String cred = config.httpUser + ":" + config.httpPassword.value();
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(cred.getBytes(StandardCharsets.UTF_8)));
        }
        if (!etag.isEmpty()) {
            req.header("If-None-Match", etag);
        }
        if (!lastModified.isEmpty()) {
            req.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            retryLater(now, "request failed: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        int status = resp.statusCode();
        if (status == 304) {
            closeQuietly(resp.body());
            succeeded(now);
            log.debug("Feed {} unchanged (304)", url);
            return null;
        }
        if (status >= 500 || status == 429 || status == 408) {
            closeQuietly(resp.body());
            retryLater(now, "HTTP " + status);
            return null;
        }
        if (status != 200) {
            closeQuietly(resp.body());
            throw new ConnectException("Feed " + url + " answered HTTP " + status + (status == 404 ? " (not found)" : "")
                    + "; check input.urls");
        }
        String type = resp.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.contains("text/html")) {
            closeQuietly(resp.body());
            throw new ConnectException("Feed " + url + " returned an HTML page (Content-Type " + type + "), not "
                    + config.parseOptions.format().name().toLowerCase(Locale.ROOT));
        }
        succeeded(now);
        String newEtag = resp.headers().firstValue("ETag").orElse("");
        String newLastModified = resp.headers().firstValue("Last-Modified").orElse("");
        try {
            InputStream body = new BoundedInputStream(resp.body(), config.httpMaxBytes, config.httpReadTimeoutMs, url);
            boolean gzip = resp.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")
                    || URI.create(url).getPath().endsWith(".gz");
            if (gzip) {
                body = new GZIPInputStream(body, 64 * 1024);
            }
            return HttpBodyFeed.open(this, factory, body, newEtag, newLastModified);
        } catch (IOException e) {
            closeQuietly(resp.body());
            retryLater(now, "reading body failed: " + e);
            return null;
        }
    }

    private void succeeded(long now) {
        backoffMs = 0;
        nextPollAt = now + config.pollIntervalMs;
    }

    void retryLater(long now, String why) {
        backoffMs = backoffMs == 0 ? config.httpRetryBackoffMs : Math.min(backoffMs * 2, Math.max(config.pollIntervalMs, config.httpRetryBackoffMs));
        nextPollAt = now + backoffMs;
        metrics.httpRetries.increment();
        log.warn("Feed {}: {}; retrying in {} ms", url, why, backoffMs);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: the response is abandoned
        }
    }

    /** Closes bodies that stall; one daemon thread for all tasks of the worker. */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "covid-kafka-http-body-watchdog");
                t.setDaemon(true);
                return t;
            });

    /**
     * Fails the read (and the task) once a body exceeds http.max.bytes, and gives up a read that has waited
     * http.read.timeout.ms for body bytes: HttpClient's body streams have no read timeout of their own, so a server that stalls
     * after the headers would block the task (and its stop()) for ever. Closing the stream from the watchdog
     * thread wakes the blocked read, which then fails with a timeout naming the feed.
     */
    static final class BoundedInputStream extends java.io.FilterInputStream {
        private final long max;
        private final long idleTimeoutMs;
        private final String url;
        private final java.util.concurrent.ScheduledFuture<?> check;
        /** When the read now blocked began, or 0 while no read is in progress (the task may be busy elsewhere). */
        private volatile long readingSinceNanos;
        private volatile boolean timedOut;
        private long count;

        BoundedInputStream(InputStream in, long max, long idleTimeoutMs, String url) {
            super(in);
            this.max = max;
            this.idleTimeoutMs = idleTimeoutMs;
            this.url = url;
            long every = Math.max(10, idleTimeoutMs / 4);
            this.check = WATCHDOG.scheduleWithFixedDelay(this::closeIfStalled, every, every,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void closeIfStalled() {
            long since = readingSinceNanos;
            if (since != 0 && System.nanoTime() - since > idleTimeoutMs * 1_000_000L) {
                timedOut = true;
                check.cancel(false);
                closeQuietly(in);
            }
        }

        @Override
        public int read() throws IOException {
            int b;
            readingSinceNanos = System.nanoTime();
            try {
                b = super.read();
            } catch (IOException e) {
                throw stalledOr(e);
            } finally {
                readingSinceNanos = 0;
            }
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            readingSinceNanos = System.nanoTime();
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                throw stalledOr(e);
            } finally {
                readingSinceNanos = 0;
            }
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private IOException stalledOr(IOException e) {
            return timedOut ? new java.net.http.HttpTimeoutException("Feed " + url + " sent no body bytes for "
                    + idleTimeoutMs + " ms (http.read.timeout.ms) after " + count + " bytes") : e;
        }

        private void add(long n) {
            count += n;
            if (count > max) {
                throw new ConnectException("Feed " + url + " body exceeds http.max.bytes=" + max);
            }
        }

        @Override
        public void close() throws IOException {
            check.cancel(false);
            super.close();
        }
    }
}
