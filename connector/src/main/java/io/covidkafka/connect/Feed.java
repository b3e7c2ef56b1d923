package io.covidkafka.connect;

import java.io.Closeable;
import java.io.IOException;
import org.apache.kafka.connect.source.SourceRecord;

/** One open source (a file or an HTTP body) the task is emitting records from. */
interface Feed extends Closeable {

    /** The next record to emit, or null at the end of the source. */
    SourceRecord next() throws IOException;

    /**
     * Called once at the end, with the last record this feed emitted (null if none); returns the record to emit
     * in its place (e.g. carrying the feed's final state as its offset).
     */
    SourceRecord finish(SourceRecord last);

    /** The source's name for logs: a file path or URL. */
    String origin();

    /** The key that identifies this feed's source partition ({@code file} or {@code url}). */
    String partitionId();
}
