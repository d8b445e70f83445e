package com.antevus.console.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The console's one CSV writer, for every export (RFC 4180 through commons-csv). Text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, a tab or a carriage return) is written with a leading apostrophe; numbers are
 * written as they are, so a negative amount stays a number.
 */
public final class Csv {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private Csv() {
    }

    /** The header and rows as CSV text. */
    public static String of(List<String> header, Iterable<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        write(out, header, rows);
        return out.toString();
    }

    /** Writes the header and rows to {@code out}. */
    public static void write(Appendable out, List<String> header, Iterable<? extends List<?>> rows) {
        try {
            CSVPrinter p = new CSVPrinter(out, FORMAT);
            p.printRecord(header);
            for (List<?> row : rows) {
                p.printRecord(row.stream().map(Csv::cell).toList());
            }
            p.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell as written: null is empty, numbers as they are, text neutralized. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String s = value.toString();
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
