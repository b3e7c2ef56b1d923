package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covidkafka.schema.CanonicalJsonWriter;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.TypedRow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

class CanonicalJsonConverterTest {

    private static final String ALL_TYPES = "D DATE NOT NULL, T TIMESTAMP, N DECIMAL(12,2), I INT, B BIGINT NOT NULL, "
            + "S STRING, F DOUBLE, X BOOLEAN";

    private static CanonicalJsonConverter converter(String ddl) {
        CanonicalJsonConverter c = new CanonicalJsonConverter();
        c.configure(ddl == null ? Map.of() : Map.of(CanonicalJsonConverter.SCHEMA_CONFIG, ddl), false);
        return c;
    }

    /** The Struct the connector builds for one CSV row, and the JSON the schema core's writer makes of the same row. */
    private record Parsed(Struct struct, String canonical) {
    }

    private static Parsed parse(String ddl, String csv) throws Exception {
        RecordSchema rs = RecordSchema.parse(ddl);
        ParseOptions o = ParseOptions.builder().schema(rs).build();
        StructRowWriter structs = new StructRowWriter(ConnectSchemas.valueSchema(rs));
        CanonicalJsonWriter json = new CanonicalJsonWriter(rs);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        try (FeedReader a = FeedReader.open(new ByteArrayInputStream(bytes), o);
             FeedReader b = FeedReader.open(new ByteArrayInputStream(bytes), o)) {
            assertThat(a.next(structs)).isTrue();
            assertThat(a.rejection()).isNull();
            assertThat(b.next(json)).isTrue();
            return new Parsed(structs.struct(), json.toString());
        }
    }

    @Test
    void everyTypeRoundTripsThroughTheCanonicalJsonOfTheSchemaCore() throws Exception {
        String csv = "D,T,N,I,B,S,F,X\n1969-12-31,2020-03-01T12:30:00.123Z,-12345.67,-7,9000000000,"
                + "\"Qu\u00e9bec \"\"QC\"\", a\\b\nnew line\tᓄᓇᕗᑦ\",1.5E-7,true\n";
        Parsed p = parse(ALL_TYPES, csv);
        CanonicalJsonConverter c = converter(ALL_TYPES);

        byte[] bytes = c.fromConnectData("t", p.struct().schema(), p.struct());
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(p.canonical());
        assertThat(json).isEqualTo("{\"D\":\"1969-12-31\",\"T\":\"2020-03-01T12:30:00.123Z\",\"N\":-12345.67,\"I\":-7,"
                + "\"B\":9000000000,\"S\":\"Qu\u00e9bec \\\"QC\\\", a\\\\b\\nnew line\\tᓄᓇᕗᑦ\",\"F\":1.5E-7,\"X\":true}");

        SchemaAndValue back = c.toConnectData("t", bytes);
        assertThat(back.schema()).isEqualTo(p.struct().schema());
        assertThat(back.value()).isEqualTo(p.struct());
    }

    @Test
    void nullsOfOptionalFieldsRoundTrip() throws Exception {
        Parsed p = parse(ALL_TYPES, "D,T,N,I,B,S,F,X\n2020-01-01,,,,1,,,\n");
        CanonicalJsonConverter c = converter(ALL_TYPES);
        byte[] bytes = c.fromConnectData("t", p.struct().schema(), p.struct());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(p.canonical())
                .isEqualTo("{\"D\":\"2020-01-01\",\"T\":null,\"N\":null,\"I\":null,\"B\":1,\"S\":null,\"F\":null,\"X\":null}");
        assertThat(c.toConnectData("t", bytes).value()).isEqualTo(p.struct());
    }

    @Test
    void covidRecordsAreReadBackWithTheDefaultOptionsOfEveryReader() throws Exception {
        Parsed p = parse(RecordSchema.COVID_DDL, "Date,Province,Confirmed,Recovered,Deaths,NumberToday\n"
                + "2020-09-30,Alberta,17190,15428,268,\n");
        byte[] bytes = converter(null).fromConnectData("covid", p.struct().schema(), p.struct());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
                "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":17190,\"Recovered\":15428,\"Deaths\":268,"
                        + "\"NumberToday\":null}");
        // format("covid-kafka") defaults: the covid schema, JSON values, default date formats and null tokens.
        RecordParser reader = RecordParser.create(ParseOptions.builder().format(FeedFormat.JSON).build());
        TypedRow row = new TypedRow(RecordSchema.covid());
        assertThat(reader.parse(bytes, 0, bytes.length, row)).isNull();
        assertThat(row.values()).containsExactly(LocalDate.of(2020, 9, 30), "Alberta", 17190L, 15428L, 268L, null);
    }

    @Test
    void structsOfOtherConnectorsWithNarrowIntegersAndFloatsAreWritten() {
        Schema s = SchemaBuilder.struct().field("a", Schema.INT8_SCHEMA).field("b", Schema.INT16_SCHEMA)
                .field("c", Schema.FLOAT32_SCHEMA).field("d", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct v = new Struct(s).put("a", (byte) -3).put("b", (short) 300).put("c", 0.5f);
        assertThat(new String(converter(null).fromConnectData("t", s, v), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":-3,\"b\":300,\"c\":0.5,\"d\":null}");
    }

    @Test
    void deadLetteredRawRowsPassThroughAsTheyWereRead() {
        byte[] raw = "48,Alberta,Alberta,16-06-2020,not-a-number\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(converter(null).fromConnectData("covid-raw-rejected", Schema.BYTES_SCHEMA, raw)).isEqualTo(raw);
        assertThat(converter(null).fromConnectData("t", Schema.BYTES_SCHEMA, java.nio.ByteBuffer.wrap(raw))).isEqualTo(raw);
        assertThatThrownBy(() -> converter(null).fromConnectData("t", Schema.STRING_SCHEMA, "text"))
                .isInstanceOf(DataException.class).hasMessageContaining("java.lang.String");
    }

    @Test
    void badBytesAreADataExceptionNamingTheProblem() {
        CanonicalJsonConverter c = converter(null);
        assertThatThrownBy(() -> c.toConnectData("covid", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class).hasMessageContaining("covid");
        assertThatThrownBy(() -> c.toConnectData("covid", "{\"Date\":\"2020-01-01\",\"Province\":\"A\",\"Confirmed\":\"many\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class).hasMessageContaining("Confirmed");
        assertThatThrownBy(() -> c.toConnectData("covid", "{\"Province\":\"A\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class).hasMessageContaining("Date");
        assertThatThrownBy(() -> c.toConnectData("covid", "{\"Date\":\"2020-01-01\",\"Prov".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> c.toConnectData("covid", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}))
                .isInstanceOf(DataException.class);
    }

    @Test
    void nullsNonStructsUnsupportedTypesAndBadDdl() {
        CanonicalJsonConverter c = converter(null);
        assertThat(c.fromConnectData("t", null, null)).isNull();
        assertThat(c.toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
        assertThatThrownBy(() -> c.fromConnectData("t", Schema.STRING_SCHEMA, "x"))
                .isInstanceOf(DataException.class).hasMessageContaining("Struct");
        Schema withTime = SchemaBuilder.struct().field("t", Time.SCHEMA).build();
        assertThatThrownBy(() -> c.fromConnectData("t", withTime, new Struct(withTime).put("t", new java.util.Date(0))))
                .isInstanceOf(DataException.class).hasMessageContaining("Time");
        Schema withArray = SchemaBuilder.struct().field("a", SchemaBuilder.array(Schema.INT32_SCHEMA).build()).build();
        assertThatThrownBy(() -> c.fromConnectData("t", withArray, new Struct(withArray).put("a", java.util.List.of(1))))
                .isInstanceOf(DataException.class).hasMessageContaining("ARRAY");
        assertThatThrownBy(() -> converter("Date DATE NOT NULL, Province STRANGE"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STRANGE");
    }

    @Test
    void theServiceLoaderManifestNamesTheConverter() {
        assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
                .contains(CanonicalJsonConverter.class);
    }
}
