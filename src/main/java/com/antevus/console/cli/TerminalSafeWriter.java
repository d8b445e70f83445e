package com.antevus.console.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the command line prints goes through here: control characters that a name or a note from the database could
 * carry (ESC starting an ANSI sequence, a bare carriage return, backspace, the 8-bit CSI) are shown as {@code \u001b}
 * and the like instead of steering the terminal. Line breaks and tabs pass.
 */
final class TerminalSafeWriter extends FilterWriter {
    TerminalSafeWriter(Writer out) {
        super(out);
    }

    /** Windows ends lines with \r\n: there a carriage return is the printer's own, not data's. */
    private static final boolean CR_ENDS_LINES = System.lineSeparator().contains("\r");

    static boolean unsafe(int c) {
        return (c < 0x20 && c != '\n' && c != '\t' && !(c == '\r' && CR_ENDS_LINES)) || c == 0x7f || (c >= 0x80 && c <= 0x9f);
    }

    @Override
    public void write(int c) throws IOException {
        if (unsafe(c)) {
            out.write(String.format("\\u%04x", c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(buf[i]);
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(s.charAt(i));
        }
    }
}
