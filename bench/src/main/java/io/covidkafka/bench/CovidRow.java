package io.covidkafka.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** The covid record as a Jackson databind user would declare it (jackson-datatype-jsr310 for the date). */
public final class CovidRow {
    @JsonProperty("Date")
    public LocalDate date;
    @JsonProperty("Province")
    public String province;
    @JsonProperty("Confirmed")
    public Long confirmed;
    @JsonProperty("Recovered")
    public Long recovered;
    @JsonProperty("Deaths")
    public Long deaths;
    @JsonProperty("NumberToday")
    public Long numberToday;

    void foldInto(Checksum sum) {
        sum.fold(date, province, confirmed, recovered, deaths, numberToday);
    }
}
