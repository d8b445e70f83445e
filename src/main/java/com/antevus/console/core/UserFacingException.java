package com.antevus.console.core;

/**
 * A failure with one plain sentence for the person at the keyboard: what happened and what to do.
 * The message never carries a secret or a stack trace; the cause is kept for the log.
 */
public class UserFacingException extends RuntimeException {
    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
