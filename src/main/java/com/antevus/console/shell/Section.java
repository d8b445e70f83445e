package com.antevus.console.shell;

/** The console's sections, in sidebar order. Those not built yet say which issue brings them. */
public enum Section {
    DASHBOARD("Dashboard", "fth-grid", 0, null),
    ORGANIZATIONS("Organizations", "fth-users", 0, null),
    PLANS("Plans", "fth-layers", 0, null),
    CONTRACTS("Contracts", "fth-file-text", 0, null),
    USAGE("Usage", "fth-activity", 0, null),
    VERIFICATIONS("Verifications", "fth-award", 0, null),
    INVOICES("Invoices", "fth-dollar-sign", 0, null),
    ACTIVITY("Activity", "fth-clock", 0, null);

    private final String title;
    private final String icon;
    private final int issue;
    private final String plannedContent;

    Section(String title, String icon, int issue, String plannedContent) {
        this.title = title;
        this.icon = icon;
        this.issue = issue;
        this.plannedContent = plannedContent;
    }

    public String title() {
        return title;
    }

    /** Ikonli Feather icon literal. */
    public String icon() {
        return icon;
    }

    public boolean isBuilt() {
        return plannedContent == null;
    }

    /** The issue that brings a section not built yet. */
    public int issue() {
        return issue;
    }

    public String plannedContent() {
        return plannedContent;
    }
}
