package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports are written whole or not at all, and never through a link or onto something that is not a file. */
class SafeFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReplacedWholeAndNothingIsLeftBeside() throws Exception {
        Path target = dir.resolve("catalog.yaml");
        Files.writeString(target, "old");
        SafeFiles.writeAtomically(target, "new content\n");
        assertThat(Files.readString(target)).isEqualTo("new content\n");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }

    @Test
    void aLinkIsRefusedAndWhatItPointsToIsUntouched() throws Exception {
        Path precious = dir.resolve("precious.txt");
        Files.writeString(precious, "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("export.csv"), precious);
        assertThatThrownBy(() -> SafeFiles.writeAtomically(link, "overwrite")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("is a link").hasMessageContaining("nothing was written");
        assertThat(Files.readString(precious)).isEqualTo("keep me");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThatThrownBy(() -> SafeFiles.writeAtomically(Path.of("/dev/null"), "x")).hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> SafeFiles.writeAtomically(dir, "x")).hasMessageContaining("is not a regular file");
    }

    @Test
    void aFailureHalfWayLeavesTheOldFileAndNoPart() throws Exception {
        Path target = dir.resolve("recon.csv");
        Files.writeString(target, "complete old export");
        assertThatThrownBy(() -> SafeFiles.writeAtomically(target, w -> {
            w.write("half of the new");
            throw new IOException("disk full");
        })).hasMessageContaining("disk full").hasMessageContaining("nothing was written");
        assertThat(Files.readString(target)).isEqualTo("complete old export");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }
}
