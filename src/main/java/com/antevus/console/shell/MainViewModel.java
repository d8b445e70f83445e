package com.antevus.console.shell;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.Errors;
import com.antevus.console.core.StripeMode;
import com.antevus.console.core.TaskExecutor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** State of the main window: start-up, the selected section, and the status bar. Touches no Node. */
public final class MainViewModel {
    public enum State { SIGN_IN, STARTING, READY, FAILED }

    /** Whether the database answered the last health check. */
    public enum Connection { CONNECTING, CONNECTED, LOST }

    private ConsoleConfig config;
    private final TaskExecutor executor;
    private final BiFunction<ConsoleConfig, Consumer<String>, ConsoleContext> starter;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STARTING);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ConsoleContext> context = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Section> section = new SimpleObjectProperty<>(Section.ORGANIZATIONS);
    private final ReadOnlyStringWrapper databaseText = new ReadOnlyStringWrapper("Database: connecting\u2026");
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(Connection.CONNECTING);
    private final ReadOnlyStringWrapper userText = new ReadOnlyStringWrapper("Signed in: \u2014");
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<com.antevus.console.access.Access> access = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lockMessage = new ReadOnlyStringWrapper("");
    private java.time.Duration lockAfter = java.time.Duration.ofMinutes(15);
    private java.time.Instant lastActivity;
    private boolean checking;

    public MainViewModel(ConsoleConfig config, TaskExecutor executor,
                         BiFunction<ConsoleConfig, Consumer<String>, ConsoleContext> starter) {
        this.config = config;
        this.executor = executor;
        this.starter = starter;
        this.lastActivity = config.clock().instant();
    }

    /** The console's clock as the status bar shows it: empty on the machine's clock, else the time it was set to. */
    public String clockNote() {
        if (!config.clockSet()) {
            return "";
        }
        return "Clock set: " + com.antevus.console.core.Dates.minute(config.clock().instant());
    }

    /** Why the clock reads what it does, for the status bar's tooltip. */
    public String clockExplanation() {
        return config.clockSet() ? "The console's clock was set to " + config.asOf() + " at start (--as-of or CONSOLE_AS_OF) and runs "
                + "on from there: this month, overdue, renewals and projections are as of that time." : "";
    }

    /**
     * Whether the window asks who is signing in: the embedded default without a configured login, or a shared server
     * without a password (each person signs in with their own PostgreSQL login).
     */
    public boolean needsSignIn() {
        return config.dbPassword() == null && (config.embeddedDatabase() ? config.dbUser() == null : true);
    }

    /** Shows the sign-in screen. */
    public void showSignIn() {
        error.set("");
        databaseText.set("Database: waiting for sign-in");
        state.set(State.SIGN_IN);
    }

    /** Signs in with a PostgreSQL login and starts the console as it; a blank login is refused at once. */
    public void signIn(String login, String password) {
        if (login == null || login.isBlank()) {
            error.set("Enter your database login.");
            return;
        }
        signedInHere = true;
        config = config.withLogin(login.strip(), com.antevus.console.core.Secret.ofNullable(password));
        start();
    }

    /**
     * Signs out: every section built for this login is dropped, its connections closed (in the background), and the
     * window asks who signs in next. What was typed and not saved goes with the sections, as it should for another person.
     */
    public void signOut() {
        ConsoleContext ctx = context.get();
        if (ctx == null || state.get() != State.READY) {
            return;
        }
        context.set(null); // the view drops its sections with it
        access.set(null);
        locked.set(false);
        userText.set("");
        signedInHere = true;
        config = config.withLogin(null, null);
        showSignIn();
        executor.run(() -> {
            ctx.close();
            return true;
        }, done -> { }, failure -> { }); // closing a pool that lost its server has nothing left to report
    }

    /** Starts (or retries) the connection in the background; the window is already showing. */
    public void start() {
        state.set(State.STARTING);
        error.set("");
        connection.set(Connection.CONNECTING);
        databaseText.set(config.embeddedDatabase() ? "Database: embedded, starting\u2026" : "Database: connecting\u2026");
        executor.run(() -> {
                    ConsoleContext started = starter.apply(config, msg -> executor.onUiThread(() -> progress.set(msg)));
                    return java.util.Map.entry(started, started.access());
                },
                result -> {
                    ConsoleContext ctx = result.getKey();
                    access.set(result.getValue());
                    context.set(ctx);
                    userText.set("Signed in: " + ctx.sessionUser() + " (" + result.getValue().describe() + ")");
                    markConnected(true);
                    state.set(State.READY);
                    refreshUsage(); // fold what arrived while no console ran (the demo data, on a first start) at once
                },
                failure -> {
                    error.set(Errors.plainMessage(failure));
                    connection.set(Connection.LOST);
                    databaseText.set("Database: not connected");
                    // a refused sign-in goes back to the sign-in screen with the reason; anything else offers Retry
                    state.set(signingIn() ? State.SIGN_IN : State.FAILED);
                });
    }

    /**
     * Folds newly recorded usage into the rollups (charts and the dashboard read them); called every few seconds
     * by the view, skipped while the previous refresh runs or the database is unreachable.
     */
    public void refreshUsage() {
        ConsoleContext ctx = context.get();
        if (ctx == null || refreshingUsage || connection.get() == Connection.LOST) {
            return;
        }
        refreshingUsage = true;
        executor.run(() -> ctx.usage().refresh(), r -> {
            refreshingUsage = false;
            usageRefreshed.set(usageRefreshed.get() + (r.rowsFolded() > 0 ? 1 : 0));
        }, failure -> refreshingUsage = false);
    }

    /** Counts refreshes that folded new usage: screens showing usage reload when it changes. */
    public javafx.beans.property.ReadOnlyIntegerProperty usageRefreshedProperty() {
        return usageRefreshed.getReadOnlyProperty();
    }

    /** Asks the database whether it still answers; called every few seconds by the view. */
    private boolean refreshingUsage;
    private final javafx.beans.property.ReadOnlyIntegerWrapper usageRefreshed = new javafx.beans.property.ReadOnlyIntegerWrapper(0);

    public void checkConnection() {
        ConsoleContext ctx = context.get();
        if (ctx == null || checking) {
            return;
        }
        checking = true;
        executor.run(() -> ctx.isDatabaseReachable(), ok -> {
            checking = false;
            markConnected(ok);
        }, failure -> {
            checking = false;
            markConnected(false);
        });
    }

    private void markConnected(boolean ok) {
        ConsoleContext ctx = context.get();
        String where = ctx == null ? "" : ctx.databaseTarget();
        connection.set(ok ? Connection.CONNECTED : Connection.LOST);
        databaseText.set(ok ? "Database: " + where + ", connected"
                : "Database: " + where + ", connection lost \u2014 retrying");
    }

    public String stripeText() {
        return "Stripe: " + StripeMode.describe(config.stripeKey());
    }

    public StripeMode stripeMode() {
        return config.stripeMode();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConsoleContext> contextProperty() {
        return context.getReadOnlyProperty();
    }

    public ObjectProperty<Section> sectionProperty() {
        return section;
    }

    public ReadOnlyStringProperty databaseTextProperty() {
        return databaseText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty userTextProperty() {
        return userText.getReadOnlyProperty();
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    private boolean signedInHere;

    private boolean signingIn() {
        return signedInHere;
    }

    // ---- idle lock ----------------------------------------------------------------------------------
    /** Locks after this long without activity; zero never locks. */
    public void lockAfter(java.time.Duration idle) {
        lockAfter = idle;
    }

    /** A key press or mouse movement in the window. */
    public void activity() {
        lastActivity = config.clock().instant();
    }

    /** Called every few seconds: locks a signed-in window left idle too long. */
    public void checkIdle() {
        if (!lockAfter.isZero() && state.get() == State.READY && !locked.get()
                && java.time.Duration.between(lastActivity, config.clock().instant()).compareTo(lockAfter) > 0) {
            lock();
        }
    }

    /** Hides the sections behind the lock screen; what was typed in them stays where it was. */
    public void lock() {
        lockMessage.set("Locked after " + minutes(lockAfter) + " without activity. Enter the password of "
                + (context.get() == null ? "your login" : context.get().sessionUser()) + " to continue; anything you were typing is kept.");
        locked.set(true);
    }

    private static String minutes(java.time.Duration d) {
        long m = Math.max(1, d.toMinutes());
        return m == 1 ? "1 minute" : m + " minutes";
    }

    /**
     * Unlocks when the password matches the one this session signed in with (compared in constant time, never
     * logged). A login signed in without a password (the embedded owner) unlocks with an empty one.
     */
    public boolean unlock(String password) {
        String expected = config.dbPassword() == null ? "" : config.dbPassword().reveal();
        boolean ok = java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                (password == null ? "" : password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (ok) {
            locked.set(false);
            lockMessage.set("");
            activity();
        } else {
            lockMessage.set("That is not the password of " + (context.get() == null ? "this login" : context.get().sessionUser())
                    + ". The window stays locked; your work is kept.");
        }
        return ok;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lockMessageProperty() {
        return lockMessage.getReadOnlyProperty();
    }

    /** The signed-in login and its roles, known before the window shows the sections. */
    public ReadOnlyObjectProperty<com.antevus.console.access.Access> accessProperty() {
        return access.getReadOnlyProperty();
    }

    public ConsoleConfig config() {
        return config;
    }
}
