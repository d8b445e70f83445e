package com.antevus.console.stripe;

import com.antevus.console.core.UserFacingException;

/** A Stripe call that failed, with one plain sentence for the user and the details support needs. Never holds the key. */
public final class StripeFailure extends UserFacingException {
    public enum Kind {
        INVALID_REQUEST, NOT_FOUND, INVALID_STATE, AUTHENTICATION, PERMISSION, RATE_LIMITED, UNAVAILABLE,
        IDEMPOTENCY_CONFLICT, PAYMENT, UNKNOWN
    }

    private final Kind kind;
    private final String param;
    private final String requestId;

    StripeFailure(Kind kind, String message, String param, String requestId, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.param = param;
        this.requestId = requestId;
    }

    public Kind kind() {
        return kind;
    }

    /** The request parameter Stripe named, if any. */
    public String param() {
        return param;
    }

    /** Stripe's request id (req_...), for the audit log and support. */
    public String requestId() {
        return requestId;
    }
}
