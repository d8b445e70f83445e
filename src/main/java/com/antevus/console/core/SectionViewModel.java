package com.antevus.console.core;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * What every section's view model has and shows the same way: busy while background work runs, one plain error
 * sentence, one message line, the read-only note of a role that may only look, and the notices long work gives when
 * it ends. The view reads these; only the view model changes them (through {@link #fail}, {@link #declined} and
 * {@link #refuse}).
 */
public abstract class SectionViewModel {
    protected final ReadOnlyBooleanWrapper busy;
    protected final ReadOnlyStringWrapper error;
    protected final ReadOnlyStringWrapper message;
    /** Non-empty when the signed-in role may only read this section: the sentence saying so (set by the window). */
    private final StringProperty readOnlyNote;
    private final SectionViewModel section;
    private Notices notices = Notices.NONE;

    /** A section's own state. */
    protected SectionViewModel() {
        this.section = null;
        this.busy = new ReadOnlyBooleanWrapper(false);
        this.error = new ReadOnlyStringWrapper("");
        this.message = new ReadOnlyStringWrapper("");
        this.readOnlyNote = new SimpleStringProperty("");
    }

    /**
     * A tab's view model: it shares its section's busy flag, error, message line, read-only note and notices, so the
     * section keeps one status line whichever tab speaks.
     */
    protected SectionViewModel(SectionViewModel section) {
        this.section = section;
        this.busy = section.busy;
        this.error = section.error;
        this.message = section.message;
        this.readOnlyNote = section.readOnlyNote;
    }

    /** Where long work says it has ended (the window's corner); none until the window sets it. */
    public void notices(Notices notices) {
        if (section != null) {
            section.notices(notices);
        } else {
            this.notices = notices == null ? Notices.NONE : notices;
        }
    }

    /** Where this view model's long work says it has ended. */
    protected Notices notices() {
        return section != null ? section.notices() : notices;
    }

    /** Background work failed: busy ends, the plain sentence shows, the message line is cleared. */
    protected void fail(Throwable t) {
        busy.set(false);
        message.set("");
        error.set(Errors.plainMessage(t));
    }

    /** A person backed out of a confirmation: say so, so nobody thinks it happened. */
    public void declined(String action) {
        error.set("");
        message.set(action + ": not done. Nothing was changed.");
    }

    /** The view refused an action before it reached the view model (a month not billable yet): say why. */
    public void refuse(String why) {
        message.set("");
        error.set(why);
    }

    /** What the view model says in passing ("Saved", "Opening…"); the view shows it and never writes it. */
    public void say(String text) {
        error.set("");
        message.set(text);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public StringProperty readOnlyNoteProperty() {
        return readOnlyNote;
    }

    /** True when the role may only read: every changing control is disabled, its reason on hover. */
    public boolean readOnly() {
        return !readOnlyNote.get().isEmpty();
    }
}
