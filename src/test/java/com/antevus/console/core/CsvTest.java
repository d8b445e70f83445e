package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void textThatASpreadsheetWouldRunIsNeutralizedAndEverythingElseReadsBackAsWritten() throws Exception {
        List<Object> row = Arrays.asList("=HYPERLINK(\"http://x\")", "+1 555", "-cmd", "@SUM(A1)", "\tTab", "Acme, Inc.", "say \"hi\"",
                "two\nlines", -1250L, new BigDecimal("-12.50"), null, "plain");
        String csv = Csv.of(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"), List.of(row));
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(1);
        CSVRecord r = records.get(0);
        assertThat(r.get("a")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(r.get("b")).isEqualTo("'+1 555");
        assertThat(r.get("c")).isEqualTo("'-cmd");
        assertThat(r.get("d")).isEqualTo("'@SUM(A1)");
        assertThat(r.get("e")).isEqualTo("'\tTab");
        assertThat(r.get("f")).isEqualTo("Acme, Inc.");
        assertThat(r.get("g")).isEqualTo("say \"hi\"");
        assertThat(r.get("h")).isEqualTo("two\nlines");
        assertThat(r.get("i")).as("a negative number stays a number").isEqualTo("-1250");
        assertThat(r.get("j")).isEqualTo("-12.50");
        assertThat(r.get("k")).isEmpty();
        assertThat(r.get("l")).isEqualTo("plain");
        assertThat(csv).startsWith("a,b,c").contains("\r\n");
    }
}
