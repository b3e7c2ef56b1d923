package io.covidkafka.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Byte offsets are exact for UTF-8 and let a reader resume after any record with nothing lost or repeated. */
class OffsetResumeTest {

    private static final String CSV = "\uFEFFDate,Province,Confirmed\r\n"
            + "30-09-2020,Québec,1\r\n"
            + "30-09-2020,\"Île-du-Prince-Édouard\nnorth\",2\r\n"
            + "30-09-2020,日本語,3\r\n"
            + "bad-date,Yukon,4\r\n"
            + "\r\n"
            + "30-09-2020,\"Ontario, \"\"ON\"\"\",5";
    private static final String JSON = "[{\"Date\":\"2020-09-30\",\"Province\":\"Québec\"},\n"
            + " {\"Date\":\"2020-09-30\",\"Province\":\"日本語\"} ,{\"Province\":\"no date\"},\n"
            + "{\"Date\":\"2020-10-01\",\"Province\":\"Nunavut 🦭\"}]";

    @Test
    void csvOffsetsPointAtTheRecordBytes() {
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
        List<Feeds.Outcome> rows = Feeds.read(bytes, ParseOptions.defaults(), 0, 1);
        assertThat(rows).hasSize(5);
        for (Feeds.Outcome o : rows) {
            String atOffset = new String(bytes, (int) o.offset(), o.raw().getBytes(StandardCharsets.UTF_8).length, StandardCharsets.UTF_8);
            assertThat(atOffset).isEqualTo(o.raw());
        }
        assertThat(rows.get(2).values()[1]).isEqualTo("日本語");
        assertThat(rows.get(3).rejection().byteOffset()).isEqualTo(rows.get(3).offset());
        assertThat(rows.get(3).rejection().line()).isEqualTo(6);
        assertThat(rows.get(4).line()).isEqualTo(8);
        assertThat(rows.get(4).end()).isEqualTo(bytes.length);
    }

    @Test
    void csvResumesExactlyAfterEveryRecord() {
        assertResumable(CSV.getBytes(StandardCharsets.UTF_8), ParseOptions.defaults());
    }

    @Test
    void jsonArrayResumesExactlyAfterEveryRecord() {
        assertResumable(JSON.getBytes(StandardCharsets.UTF_8), ParseOptions.builder().format(FeedFormat.JSON).build());
        List<Feeds.Outcome> rows = Feeds.read(JSON, ParseOptions.builder().format(FeedFormat.JSON).build());
        assertThat(rows).extracting(Feeds.Outcome::accepted).containsExactly(true, true, false, true);
        assertThat(rows.get(3).values()[1]).isEqualTo("Nunavut 🦭");
        assertThat(rows.get(3).line()).isEqualTo(3);
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        byte[] bytes = "Date,Province\n30-09-2020,X\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xC3; // a lone lead byte
        List<Feeds.Outcome> rows = Feeds.read(bytes, ParseOptions.defaults(), 0, 1);
        assertThat(rows.get(0).values()[1]).isEqualTo("\uFFFD");
    }

    /** Reading from the end offset of record k yields exactly records k+1..n, with the same lines. */
    private static void assertResumable(byte[] bytes, ParseOptions options) {
        List<Feeds.Outcome> all = Feeds.read(bytes, options, 0, 1);
        for (int k = 0; k < all.size(); k++) {
            Feeds.Outcome at = all.get(k);
            List<Feeds.Outcome> rest = Feeds.read(bytes, options, at.end(), at.endLine());
            assertThat(rest).as("resumed after record %d", k).hasSize(all.size() - k - 1);
            for (int i = 0; i < rest.size(); i++) {
                Feeds.Outcome expected = all.get(k + 1 + i);
                Feeds.Outcome actual = rest.get(i);
                assertThat(actual.raw()).isEqualTo(expected.raw());
                assertThat(actual.offset()).isEqualTo(expected.offset());
                assertThat(actual.line()).isEqualTo(expected.line());
                assertThat(Arrays.deepEquals(actual.values(), expected.values())).isTrue();
            }
        }
    }
}
