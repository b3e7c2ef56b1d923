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
    /** When the current run of failures began (0 while the feed is healthy), and how many attempts it has had. */
    private long failingSince;
    private int failedAttempts;

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
            retryLater("request failed: " + e);
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
            retryLater("HTTP " + status);
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
            InputStream body = new BoundedInputStream(new StallGuardInputStream(resp.body(), config.httpReadTimeoutMs, url),
                    config.httpMaxBytes, url);
            boolean gzip = resp.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")
                    || URI.create(url).getPath().endsWith(".gz");
            if (gzip) {
                body = new GZIPInputStream(body, 64 * 1024);
            }
            return HttpBodyFeed.open(this, factory, body, newEtag, newLastModified);
        } catch (IOException e) {
            closeQuietly(resp.body());
            retryLater("reading body failed: " + e);
            return null;
        }
    }

    private void succeeded(long now) {
        backoffMs = 0;
        failingSince = 0;
        failedAttempts = 0;
        nextPollAt = now + config.pollIntervalMs;
        metrics.httpFailures.remove(url);
    }

    /**
     * Schedules the next attempt after a doubling back-off (counted from now, after a timeout too), shows the failure
     * in the task's metrics, and fails the task once the feed has been failing for longer than http.retry.max.ms, so
     * an outage that does not end reaches the task status (with this message as its trace).
     */
    void retryLater(String why) {
        long now = System.currentTimeMillis();
        if (failingSince == 0) {
            failingSince = now;
        }
        failedAttempts++;
        long failingFor = now - failingSince;
        if (config.httpRetryMaxMs >= 0 && failingFor >= config.httpRetryMaxMs) {
            metrics.httpFailures.remove(url);
            throw new ConnectException("Feed " + url + " kept failing for " + failingFor + " ms (" + failedAttempts
                    + " attempts, last: " + why + "); gave up after http.retry.max.ms=" + config.httpRetryMaxMs);
        }
        backoffMs = backoffMs == 0 ? config.httpRetryBackoffMs
                : Math.min(backoffMs * 2, Math.max(config.pollIntervalMs, config.httpRetryBackoffMs));
        nextPollAt = now + backoffMs;
        metrics.httpRetries.increment();
        metrics.httpFailures.put(url, why + " (attempt " + failedAttempts + ", failing for " + failingFor
                + " ms, next try in " + backoffMs + " ms)");
        log.warn("Feed {}: {}; attempt {} failed, retrying in {} ms", url, why, failedAttempts, backoffMs);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: the response is abandoned
        }
    }

    /** Fails the read (and the task) once a body exceeds http.max.bytes. */
    static final class BoundedInputStream extends java.io.FilterInputStream {
        private final long max;
        private final String url;
        private long count;

        BoundedInputStream(InputStream in, long max, String url) {
            super(in);
            this.max = max;
            this.url = url;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > max) {
                throw new ConnectException("Feed " + url + " body exceeds http.max.bytes=" + max);
            }
        }
    }
}
