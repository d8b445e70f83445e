package com.antevus.console.contracts;

import com.antevus.console.core.UserFacingException;
import java.util.Map;

/** A contract that cannot be saved as it is: the message per field, keyed like the editor's fields. */
public final class ContractValidationException extends UserFacingException {
    private final transient Map<String, String> fieldErrors;

    public ContractValidationException(Map<String, String> fieldErrors) {
        super(fieldErrors.size() == 1 ? fieldErrors.values().iterator().next() + " Nothing was saved."
                : "Fix the " + fieldErrors.size() + " marked fields; nothing was saved.");
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
