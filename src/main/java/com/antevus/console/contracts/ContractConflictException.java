package com.antevus.console.contracts;

import com.antevus.console.core.UserFacingException;
import java.util.List;

/**
 * A save or apply refused because someone saved the contract since it was opened. Carries what is saved now and what
 * they changed, so the editor can show it and keep the user's own edits.
 */
public final class ContractConflictException extends UserFacingException {
    private final transient Contract current;
    private final transient List<ContractRules.FieldChange> theirChanges;
    private final transient List<ContractRules.FieldChange> bothChanged;

    public ContractConflictException(String message, Contract current, List<ContractRules.FieldChange> theirChanges,
                                     List<ContractRules.FieldChange> bothChanged) {
        super(message);
        this.current = current;
        this.theirChanges = List.copyOf(theirChanges);
        this.bothChanged = List.copyOf(bothChanged);
    }

    /** The contract as saved now; null when it was removed. */
    public Contract current() {
        return current;
    }

    public List<ContractRules.FieldChange> theirChanges() {
        return theirChanges;
    }

    public List<ContractRules.FieldChange> bothChanged() {
        return bothChanged;
    }
}
