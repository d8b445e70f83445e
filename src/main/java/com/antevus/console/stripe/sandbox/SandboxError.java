package com.antevus.console.stripe.sandbox;

/** A Stripe-shaped API error: HTTP status plus {@code {"error": {type, code, message, param}}}. */
final class SandboxError extends RuntimeException {
    final int status;
    final String type;
    final String code;
    final String param;

    SandboxError(int status, String type, String code, String param, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static SandboxError missing(String param) {
        return new SandboxError(400, "invalid_request_error", "parameter_missing", param, "Missing required param: " + param + ".");
    }

    static SandboxError invalid(String param, String message) {
        return new SandboxError(400, "invalid_request_error", "parameter_invalid", param, message);
    }

    static SandboxError noSuch(String kind, String id, String param) {
        return new SandboxError(404, "invalid_request_error", "resource_missing", param, "No such " + kind + ": '" + id + "'");
    }

    /**
     * Whether the request failed validation of its parameters (a missing, malformed or out-of-range parameter)
     * rather than on the state of the objects it names. Stripe saves no idempotent result for these, so the
     * corrected request may be retried with the same key.
     */
    boolean failedValidation() {
        return status == 400 && "invalid_request_error".equals(type)
                && (param != null || (code != null && code.startsWith("parameter_")));
    }

    static SandboxError state(String message) {
        return new SandboxError(400, "invalid_request_error", null, null, message);
    }
}
