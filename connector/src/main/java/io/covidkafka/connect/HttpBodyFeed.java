package io.covidkafka.connect;

import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.RejectReason;
import io.covidkafka.schema.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One fetched HTTP body, streamed row by row, emitting only rows that are new or changed since the last poll.
 * A row is identified by its key.fields values (the whole row when there are none or it was rejected) and
 * compared by a hash of its raw bytes. Every record but the last carries the feed's previous state as its offset,
 * the last one the new state: a crash part-way re-emits the changes (never loses them), and under exactly-once
 * the feed's records commit in one transaction with the new state.
 */
final class HttpBodyFeed implements Feed {

    private final HttpPoller poller;
    private final RecordFactory factory;
    private final FeedReader reader;
    private final String newEtag;
    private final String newLastModified;
    private final Map<String, Object> previousState;
    private final Map<Long, Integer> seen = new HashMap<>();
    private final CRC32C crc = new CRC32C();
    private final StringBuilder keyText = new StringBuilder();
    private long bytesCounted;
    private boolean first = true;

    private HttpBodyFeed(HttpPoller poller, RecordFactory factory, FeedReader reader, String newEtag, String newLastModified) {
        this.poller = poller;
        this.factory = factory;
        this.reader = reader;
        this.newEtag = newEtag;
        this.newLastModified = newLastModified;
        this.previousState = poller.stateOffset();
    }

    static HttpBodyFeed open(HttpPoller poller, RecordFactory factory, InputStream body, String etag, String lastModified)
            throws IOException {
        FeedReader reader = FeedReader.open(body, factory.config.parseOptions);
        List<String> header = reader.header();
        if (factory.config.parseOptions.format() == FeedFormat.CSV && factory.config.parseOptions.csvHeader() && header != null) {
            boolean anyMapped = header.stream().anyMatch(h ->
                    factory.config.parseOptions.mapping().fieldIndex(h, factory.config.schema()) >= 0);
            if (!anyMapped) {
                reader.close();
                throw new ConnectException("Feed " + poller.url + " is not CSV with the expected columns: its header "
                        + header + " names no schema field " + factory.config.schema().names() + " (after field.mapping)");
            }
        }
        return new HttpBodyFeed(poller, factory, reader, etag, lastModified);
    }

    @Override
    public SourceRecord next() throws IOException {
        while (reader.next(factory.writer)) {
            factory.metrics.bytesRead.add(reader.bytesRead() - bytesCounted);
            bytesCounted = reader.bytesRead();
            Rejection rej = reader.rejection();
            if (first && rej != null && rej.reason() == RejectReason.MALFORMED_RECORD
                    && factory.config.parseOptions.format() == FeedFormat.JSON) {
                throw new ConnectException("Feed " + poller.url + " is not JSON: " + rej.message());
            }
            first = false;
            crc.reset();
            crc.update(reader.rawBuffer(), reader.rawOffset(), reader.rawLength());
            int rowHash = (int) crc.getValue();
            long keyHash = rej == null && factory.keySchema != null ? keyHash(factory.writer.struct())
                    : RowDigest.hash64(reader.rawBuffer(), reader.rawOffset(), reader.rawLength());
            seen.put(keyHash, rowHash);
            if (seen.size() > factory.config.httpMaxKeys) {
                throw new ConnectException("Feed " + poller.url + " has more than http.max.keys=" + factory.config.httpMaxKeys
                        + " distinct keys; the change-detection digest would not fit in a source offset");
            }
            Integer before = poller.digest.get(keyHash);
            if (before != null && before == rowHash) {
                continue; // published before, unchanged
            }
            SourceRecord r = factory.build(reader, poller.url, poller.partition, previousState);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private long keyHash(Struct value) {
        keyText.setLength(0);
        for (Field f : factory.keySchema.fields()) {
            Object v = value.get(f.name());
            keyText.append(v instanceof java.util.Date d ? Long.toString(d.getTime()) : String.valueOf(v)).append('\u0001');
        }
        return RowDigest.hash64(keyText);
    }

    /**
     * Adopts the new state. Rows published earlier but absent from this body are forgotten (deletions are not
     * emitted), so the digest tracks exactly the latest body.
     */
    @Override
    public SourceRecord finish(SourceRecord last) {
        poller.etag = newEtag;
        poller.lastModified = newLastModified;
        poller.digest = seen;
        return last == null ? null : RecordFactory.withOffset(last, poller.stateOffset());
    }

    /** The body broke off: retry the fetch after the back-off (the feed's state is unchanged). */
    void retryLater(String why) {
        poller.retryLater(why);
    }

    @Override
    public String origin() {
        return poller.url;
    }

    @Override
    public String partitionId() {
        return poller.url;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
