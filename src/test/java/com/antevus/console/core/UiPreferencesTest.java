package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiPreferencesTest {
    @TempDir
    Path home;

    @Test
    void themeAndWindowBoundsSurviveARestart() {
        UiPreferences p = UiPreferences.load(home);
        assertThat(p.darkTheme()).isFalse();
        assertThat(p.windowBounds()).isNull();
        p.setDarkTheme(true);
        p.setWindow(40, 60, 1400, 900, false);
        p.save();
        UiPreferences again = UiPreferences.load(home);
        assertThat(again.darkTheme()).isTrue();
        assertThat(again.windowBounds()).containsExactly(40, 60, 1400, 900);
        assertThat(again.windowMaximized()).isFalse();
    }

    @Test
    void damagedOrTinyBoundsAreIgnoredInsteadOfOpeningAnUnusableWindow() throws Exception {
        Files.writeString(home.resolve("ui.properties"), "window.bounds=1,2,nonsense\n");
        assertThat(UiPreferences.load(home).windowBounds()).isNull();
        Files.writeString(home.resolve("ui.properties"), "window.bounds=0,0,50,20\n");
        assertThat(UiPreferences.load(home).windowBounds()).isNull();
    }
}
