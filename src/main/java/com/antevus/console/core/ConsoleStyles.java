package com.antevus.console.core;

/** Style-class names the console's stylesheets define (styles/console.css). */
public final class ConsoleStyles {
    private ConsoleStyles() {
    }

    public static final String SIDEBAR = "sidebar";
    public static final String NAV_BUTTON = "nav-button";
    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_OK = "status-ok";
    public static final String STATUS_BAD = "status-bad";
    public static final String STATUS_WARN = "status-warn";
    public static final String STATUS_LIVE = "status-live";
    public static final String PAGE_TITLE = "page-title";
    public static final String MUTED = "muted";
    public static final String TAG = "tag";
    public static final String TAG_SUCCESS = "tag-success";
    public static final String TAG_DANGER = "tag-danger";
    public static final String TAG_WARNING = "tag-warning";
    public static final String TAG_ACCENT = "tag-accent";
    public static final String TAG_NEUTRAL = "tag-neutral";
    public static final String ERROR_TEXT = "error-text";
    /** A name or free text that may be cut to fit its place; it carries a tooltip with the whole text. */
    public static final String MAY_TRUNCATE = "may-truncate";
}
