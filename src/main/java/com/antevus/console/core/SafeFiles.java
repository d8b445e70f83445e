package com.antevus.console.core;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Exports (catalog YAML, CSVs) are written whole or not at all: into a temporary file beside the target, then renamed
 * over it. A target that is a symbolic link, a device or a folder is refused rather than replaced; a half-written export
 * never exists under the name a person chose.
 */
public final class SafeFiles {
    private SafeFiles() {
    }

    /** Something that writes the file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer w) throws IOException;
    }

    public static void writeAtomically(Path target, String text) {
        writeAtomically(target, w -> w.write(text));
    }

    /**
     * @throws UserFacingException naming the file and what to do; the target is unchanged and no temporary file is left
     */
    public static void writeAtomically(Path target, Content content) {
        Path file = target.toAbsolutePath();
        if (Files.isSymbolicLink(file)) {
            throw new UserFacingException(target + " is a link to another file; nothing was written. Choose the file itself or a new name.");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserFacingException(target + " is not a regular file (a folder or a device); nothing was written. Choose a file name.");
        }
        Path dir = file.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(w);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UserFacingException("Could not write " + target + " (" + e.getMessage() + "); nothing was written. Check that the "
                    + "folder exists and is writable.", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the failure above is the one to report
                }
            }
        }
    }

    /** The largest catalog file read; a real one is a few kilobytes. */
    public static final long MAX_CATALOG_BYTES = 4L * 1024 * 1024;

    /**
     * A text file people hand the console (a catalog to import): a regular file of at most {@code maxBytes}, in UTF-8;
     * otherwise one sentence naming what is wrong and, for bytes that are not UTF-8, the line and column.
     */
    public static String readUtf8(Path file, long maxBytes) {
        if (!Files.exists(file)) {
            throw new UserFacingException("There is no file " + file + ".");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException(file + " is not a regular file (a folder or a device); give the file itself.");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > maxBytes) {
                throw new UserFacingException(file + " is larger than " + maxBytes / (1024 * 1024) + " MB, far more than this file "
                        + "should hold; check that it is the right file.");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserFacingException("Could not read " + file + " (" + e.getMessage() + ").", e);
        }
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer outChars = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = utf8.decode(in, outChars, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new UserFacingException(file.getFileName() + ", line " + line + ", column " + column + ": not UTF-8 text "
                    + "(save the file as UTF-8); nothing was changed.");
        }
        outChars.flip();
        return outChars.toString();
    }
}
