package com.antevus.console.contracts;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/**
 * One of a contract's documents: its kind, where it is in signing, and where it lives, a link or a file stored by
 * path and SHA-256 of its content (so a file replaced behind our back is noticed). {@code id} is null until saved.
 */
public record ContractDocument(UUID id, Kind kind, Status status, LocalDate signedOn, LocalDate expiresOn, String url,
                               String filePath, String sha256) {

    public enum Kind {
        MSA("MSA"), ORDER_FORM("Order form"), DPA("DPA"), BAA("BAA");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum Status {
        DRAFT, SENT, SIGNED;

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    /** Where the document is: its file name, else its link, else nothing. */
    public String location() {
        if (filePath != null && !filePath.isBlank()) {
            return java.nio.file.Path.of(filePath).getFileName() + " (" + sha256.substring(0, 12) + "…)";
        }
        return url == null ? "" : url;
    }
}
