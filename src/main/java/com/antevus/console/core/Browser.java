package com.antevus.console.core;

import java.util.function.Consumer;

/** Opens a web page in the user's browser (the app installs JavaFX's HostServices at start; tests leave it unset). */
public final class Browser {
    private static volatile Consumer<String> opener;

    private Browser() {
    }

    public static void install(Consumer<String> open) {
        opener = open;
    }

    /** False when no browser is available (then the caller shows the address instead). */
    public static boolean open(String url) {
        Consumer<String> o = opener;
        if (o == null || url == null) {
            return false;
        }
        o.accept(url);
        return true;
    }
}
