package com.antevus.console.charges;

import com.antevus.console.core.Reasons;
import com.antevus.console.contracts.Contract;
import com.antevus.console.core.Money;
import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The contract's commitment tab: the commitment of the contract open in the editor, its form (amount, basis, what
 * counts, reason) and its burn-down, read in the background whenever another contract opens or the commitment changes.
 */
public final class CommitmentViewModel extends SectionViewModel {
    private final CommitmentService service;
    private final TaskExecutor executor;
    private final ReadOnlyObjectProperty<Contract> contract;
    private final ObjectProperty<Commitment> commitment = new SimpleObjectProperty<>();
    private final ObjectProperty<PeriodCharges.BurnDown> burnDown = new SimpleObjectProperty<>();
    private final StringProperty amount = new SimpleStringProperty("");
    private final ObjectProperty<Commitment.Basis> basis = new SimpleObjectProperty<>(Commitment.Basis.TERM);
    private final BooleanProperty usage = new SimpleBooleanProperty(true);
    private final BooleanProperty addOns = new SimpleBooleanProperty(true);
    private final BooleanProperty fees = new SimpleBooleanProperty(true);
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty fieldError = new SimpleStringProperty("");
    private Runnable changed = () -> { };

    public CommitmentViewModel(SectionViewModel section, CommitmentService service, TaskExecutor executor,
                               ReadOnlyObjectProperty<Contract> contract) {
        super(section);
        this.service = service;
        this.executor = executor;
        this.contract = contract;
        contract.addListener((o, a, k) -> {
            if (a == null || k == null || !a.id().equals(k.id())) {
                load();
            }
        });
    }

    /** Runs after a commitment is saved or removed (the renewal pipeline reads its flags again). */
    public void onChanged(Runnable r) {
        this.changed = r;
    }

    /** Reads the open contract's commitment and burn-down. */
    public void load() {
        Contract k = contract.get();
        commitment.set(null);
        burnDown.set(null);
        fieldError.set("");
        reason.set("");
        if (k == null || k.isNew()) {
            fill(null, k);
            return;
        }
        busy.set(true);
        executor.run(() -> new Object[]{service.forContract(k.organizationId(), k.id()), service.burnDown(k.organizationId(), k.id())}, r -> {
            busy.set(false);
            Contract now = contract.get();
            if (now == null || !now.id().equals(k.id())) {
                return;
            }
            @SuppressWarnings("unchecked") Optional<Commitment> m = (Optional<Commitment>) r[0];
            @SuppressWarnings("unchecked") Optional<PeriodCharges.BurnDown> b = (Optional<PeriodCharges.BurnDown>) r[1];
            commitment.set(m.orElse(null));
            burnDown.set(b.orElse(null));
            fill(m.orElse(null), k);
        }, this::fail);
    }

    private void fill(Commitment m, Contract k) {
        String currency = k == null ? "USD" : k.currency();
        amount.set(m == null ? "" : Money.of(m.amountMinor(), currency).toMajor().toPlainString());
        basis.set(m == null ? Commitment.Basis.TERM : m.basis());
        usage.set(m == null || m.countsUsage());
        addOns.set(m == null || m.countsAddOns());
        fees.set(m == null || m.countsFees());
    }

    /** The commitment the form describes, or null with the problem in {@link #fieldErrorProperty()}. */
    Commitment typed() {
        Contract k = contract.get();
        if (k == null || k.isNew()) {
            fieldError.set("Save the contract first; a commitment belongs to a saved contract.");
            return null;
        }
        long minor;
        try {
            minor = Money.parseMajor(amount.get(), k.currency());
        } catch (IllegalArgumentException e) {
            fieldError.set("Enter the committed amount, such as 120000.00.");
            return null;
        }
        String wrong = CommitmentService.problem(minor, usage.get(), addOns.get(), fees.get());
        if (wrong != null) {
            fieldError.set(wrong);
            return null;
        }
        fieldError.set("");
        Commitment was = commitment.get();
        return new Commitment(k.organizationId(), k.id(), minor, k.currency(), basis.get(), usage.get(), addOns.get(), fees.get(),
                k.startsOn(), k.endsOn(), was == null ? null : was.note(), was == null ? 0 : was.version());
    }

    /** What saving would do, in words, for the confirmation; null when the form has a problem. */
    public String saveWords() {
        Commitment m = typed();
        if (m == null) {
            return null;
        }
        return "Commit " + contract.get().organizationName() + " to " + Money.of(m.amountMinor(), m.currency()).format() + " "
                + m.basis().words() + ", counting " + m.countsWords() + ".";
    }

    public void save() {
        Commitment m = typed();
        if (m == null) {
            return;
        }
        if (!Reasons.given(reason.get())) {
            fieldError.set(Reasons.MISSING);
            return;
        }
        String why = reason.get();
        busy.set(true);
        error.set("");
        executor.run(() -> service.save(m, why), saved -> {
            busy.set(false);
            message.set("Commitment saved: " + Money.of(saved.amountMinor(), saved.currency()).format() + " " + saved.basis().words() + ".");
            load();
            changed.run();
        }, this::fail);
    }

    public void remove() {
        Commitment m = commitment.get();
        if (m == null) {
            return;
        }
        if (!Reasons.given(reason.get())) {
            fieldError.set(Reasons.MISSING);
            return;
        }
        String why = reason.get();
        busy.set(true);
        executor.run(() -> {
            service.remove(m, why);
            return true;
        }, ok -> {
            busy.set(false);
            message.set("Commitment removed.");
            load();
            changed.run();
        }, this::fail);
    }

    public ReadOnlyObjectProperty<Contract> contractProperty() { return contract; }
    public ObjectProperty<Commitment> commitmentProperty() { return commitment; }
    public ObjectProperty<PeriodCharges.BurnDown> burnDownProperty() { return burnDown; }
    public StringProperty amountProperty() { return amount; }
    public ObjectProperty<Commitment.Basis> basisProperty() { return basis; }
    public BooleanProperty usageProperty() { return usage; }
    public BooleanProperty addOnsProperty() { return addOns; }
    public BooleanProperty feesProperty() { return fees; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty fieldErrorProperty() { return fieldError; }
}
