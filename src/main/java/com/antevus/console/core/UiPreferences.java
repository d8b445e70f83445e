package com.antevus.console.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Per-user UI preferences kept in {@code $CONSOLE_HOME/ui.properties}: theme and window geometry. */
public final class UiPreferences {
    private static final Logger LOG = LoggerFactory.getLogger(UiPreferences.class);
    private final Path file;
    private final Properties props = new Properties();

    private UiPreferences(Path file) {
        this.file = file;
    }

    public static UiPreferences load(Path home) {
        UiPreferences p = new UiPreferences(home.resolve("ui.properties"));
        if (Files.isRegularFile(p.file)) {
            try (InputStream in = Files.newInputStream(p.file)) {
                p.props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Ignoring unreadable UI preferences {}", p.file, e);
            }
        }
        return p;
    }

    public boolean darkTheme() {
        return Boolean.parseBoolean(props.getProperty("theme.dark", "false"));
    }

    public void setDarkTheme(boolean dark) {
        props.setProperty("theme.dark", String.valueOf(dark));
    }

    /**
     * Minutes without a key press or mouse movement after which the window locks (session.lock_minutes; default 15,
     * 0 never). Unreadable values fall back to the default.
     */
    public int lockMinutes() {
        try {
            return Math.max(0, Integer.parseInt(props.getProperty("session.lock_minutes", "15").strip()));
        } catch (NumberFormatException e) {
            return 15;
        }
    }

    /** The section shown last (its enum name), or null. */
    public String section() {
        return props.getProperty("section");
    }

    public void setSection(String section) {
        props.setProperty("section", section);
    }

    /** Saved window bounds, or null when none were saved or they are unreadable. */
    public double[] windowBounds() {
        try {
            String v = props.getProperty("window.bounds");
            if (v == null) {
                return null;
            }
            String[] parts = v.split(",");
            double[] b = new double[4];
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i]);
            }
            return b[2] >= 400 && b[3] >= 300 ? b : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    public boolean windowMaximized() {
        return Boolean.parseBoolean(props.getProperty("window.maximized", "false"));
    }

    public void setWindow(double x, double y, double w, double h, boolean maximized) {
        props.setProperty("window.bounds", x + "," + y + "," + w + "," + h);
        props.setProperty("window.maximized", String.valueOf(maximized));
    }

    public void save() {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Billing Console UI preferences");
            }
        } catch (IOException e) {
            LOG.warn("Could not save UI preferences to {}", file, e);
        }
    }
}
