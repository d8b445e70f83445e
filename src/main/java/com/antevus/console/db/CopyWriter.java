package com.antevus.console.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with PostgreSQL's COPY (text format), buffering about 1 MB at a time.
 * Values are written with {@link #value}/{@link #nullValue}, rows ended with {@link #endRow}.
 */
public final class CopyWriter implements AutoCloseable {
    private static final int FLUSH_AT = 1 << 20;
    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(FLUSH_AT + 4096);
    private boolean rowStarted;
    private long rows;

    public CopyWriter(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin");
    }

    public CopyWriter value(Object v) throws SQLException {
        if (v == null) {
            return nullValue();
        }
        sep();
        String s = v.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(c);
            }
        }
        return this;
    }

    public CopyWriter value(long v) {
        sep();
        buf.append(v);
        return this;
    }

    public CopyWriter nullValue() {
        sep();
        buf.append("\\N");
        return this;
    }

    public void endRow() throws SQLException {
        buf.append('\n');
        rowStarted = false;
        rows++;
        if (buf.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void sep() {
        if (rowStarted) {
            buf.append('\t');
        }
        rowStarted = true;
    }

    private void flush() throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (buf.length() > 0) {
                flush();
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

}
