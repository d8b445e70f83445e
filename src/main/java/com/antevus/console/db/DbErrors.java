package com.antevus.console.db;

import com.antevus.console.core.UserFacingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Translates JDBC failures into one plain sentence: what happened and what to do. Never echoes a password. */
public final class DbErrors {
    private DbErrors() {
    }

    /** Failure while opening a connection to {@code target} (host:port/db, never the raw URL) as {@code user}. */
    public static UserFacingException connectFailure(SQLException e, String target, String user) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable cause = rootCause(e);
        String msg;
        if (cause instanceof UnknownHostException) {
            msg = "The database host in " + target + " is unknown. Check the URL in --db-url or CONSOLE_DB_URL.";
        } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            msg = "Cannot reach the database server at " + target + " (connection refused). "
                    + "Check the URL in --db-url or CONSOLE_DB_URL and that the server is running.";
        } else if (cause instanceof SocketTimeoutException) {
            msg = "The database server at " + target + " did not answer in time. "
                    + "Check the network or VPN, then retry.";
        } else if (state.equals("28P01")) {
            msg = "The database at " + target + " refused the password for user '" + user + "'. "
                    + "Check --db-password or CONSOLE_DB_PASSWORD.";
        } else if (state.equals("28000")) {
            msg = "The database at " + target + " does not accept the login '" + user + "' from this machine. "
                    + "Ask a database administrator to allow it.";
        } else if (state.equals("3D000")) {
            msg = "The database named in " + target + " does not exist on that server. Check the URL.";
        } else if (state.equals("53300")) {
            msg = "The database at " + target + " has no free connections right now. Wait a moment, then retry.";
        } else {
            msg = "Could not connect to the database at " + target + " (" + safeDetail(e) + "). "
                    + "Check the connection settings, then retry.";
        }
        return new UserFacingException(msg, e);
    }

    /**
     * Failure of a read: the same sentences as {@link #queryFailure}, without "nothing was saved", which after a write
     * that did complete (a publish, then the list's reload) would tell the person their work was lost.
     */
    public static UserFacingException readFailure(SQLException e, String whatFailed) {
        return failure(e, whatFailed, false);
    }

    /** Failure of a statement on an open connection. */
    public static UserFacingException queryFailure(SQLException e, String whatFailed) {
        return failure(e, whatFailed, true);
    }

    private static UserFacingException failure(SQLException e, String whatFailed, boolean write) {
        String state = stateOf(e);
        String nothingSaved = write ? " Nothing was saved." : "";
        String msg;
        if (state.equals("28000") || state.equals("28P01")) {
            msg = "The database no longer accepts your login while " + whatFailed + " (it was revoked, or its password changed). "
                    + (write ? "Nothing was saved; sign" : "Sign") + " in again, and what you typed is still here.";
        } else if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            msg = "Lost the connection to the database while " + whatFailed + "." + (write ? " Nothing was saved; check the network "
                    + "and retry." : " Check the network and retry; anything you saved before this was kept.");
        } else if (isClosedPool(e)) {
            msg = "The console had already closed its database connection (it was signing out or shutting down) while "
                    + whatFailed + "." + nothingSaved;
        } else if (state.equals("42501")) {
            msg = "Your role cannot do this (" + whatFailed + "): the database refused it, and nothing was changed. "
                    + "Ask an admin if you need it.";
        } else if (state.equals("40001") || state.equals("40P01")) {
            msg = "Someone else changed the same records at the same moment while " + whatFailed + "."
                    + (write ? " Nothing was saved; retry." : " Retry.");
        } else {
            msg = "The database refused " + whatFailed + " (" + safeDetail(e) + ")." + nothingSaved;
        }
        return new UserFacingException(msg, e);
    }

    /** The SQLState of the failure or, when a pool wrapped it, of its cause. */
    private static String stateOf(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && !s.getSQLState().isEmpty()) {
                if (!(s.getSQLState().startsWith("08") && t.getCause() instanceof SQLException)) {
                    return s.getSQLState();
                }
            }
        }
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    /** Whether the failure is the connection (or the server) going away, whichever layer wrapped it. */
    public static boolean isConnectionLoss(SQLException e) {
        String state = stateOf(e);
        return state.startsWith("08") || state.startsWith("57P");
    }

    private static boolean isClosedPool(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("HikariDataSource") && e.getMessage().contains("has been closed");
    }

    /** The database's own sentence: the first line, without the driver's severity prefix or its WARNING lines. */
    private static String safeDetail(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("(?m)^\\s*(WARNING|NOTICE|HINT|Where|Position):.*$", "").strip();
        m = m.replaceFirst("^(ERROR|FATAL): ", "");
        // the driver can repeat connection properties; never let a password through
        m = m.replaceAll("(?i)password=[^&\\s]*", "password=****");
        int newline = m.indexOf('\n');
        return newline > 0 ? m.substring(0, newline).strip() : m.strip();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
