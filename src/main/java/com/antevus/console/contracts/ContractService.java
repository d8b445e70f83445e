package com.antevus.console.contracts;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Hibernate;
import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Enterprise contracts: list, edit with optimistic locking, apply to the organization (subscription, entitlements,
 * the rating engine's overrides, the invoice runs' installments), and the renewal pipeline. Owns its transactions;
 * returns records.
 */
public final class ContractService {
    private final Jdbc jdbc;
    private final Hibernate hibernate;
    private final Supplier<StripeGateway> stripe;
    private final Clock clock;
    private final ContractRepository repository = new ContractRepository();

    /** The Hibernate entities contracts map, for the composition root's one SessionFactory. */
    public static List<Class<?>> entities() {
        return ContractRepository.ENTITIES;
    }

    /**
     * For tests: bootstraps its own SessionFactory over the contract entities (in the
     * background, while the caller does other work).
     */
    public ContractService(DataSource dataSource, Supplier<StripeGateway> stripe, Clock clock) {
        this(dataSource, Hibernate.start(dataSource, entities(), java.util.concurrent.ForkJoinPool.commonPool()), stripe, clock);
    }

    public ContractService(DataSource dataSource, Hibernate hibernate, Supplier<StripeGateway> stripe, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.hibernate = hibernate;
        this.stripe = stripe;
        this.clock = clock;
    }

    public LocalDate today() {
        return com.antevus.console.core.ConsoleClock.today(clock);
    }

    /** Every contract, soonest ending first. */
    public List<Contract> list() {
        return hibernate.read("loading the contracts", s -> repository.list(s, null, null));
    }

    public Contract load(UUID id) {
        Contract k = hibernate.read("loading the contract", s -> repository.find(s, id));
        if (k == null) {
            throw new UserFacingException("This contract no longer exists; someone may have removed it. Reload the list.");
        }
        return k;
    }

    /** Organizations a contract can be made for, by name. */
    public List<OrganizationChoice> organizations() {
        return jdbc.read("loading the organizations", repository::organizations);
    }

    /** A resource (instruments, seats …) or metric (events, AI tokens …) a contract can set a quota or rate for. */
    public record Dimension(String code, String name, boolean metric) {
    }

    /** Resources first, then metrics, as the contract editor lists them. */
    public List<Dimension> dimensions() {
        return jdbc.read("loading the metrics", repository::dimensions);
    }

    /** An organization offered in the contract editor. */
    public record OrganizationChoice(UUID id, String name, boolean handlesHealthData, boolean enterprise) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Saves a contract. {@code opened} is the contract as the editor read it (null for a new one); the save is
     * refused with a {@link ContractConflictException} when someone saved it since, and nothing is written.
     */
    public Contract save(Contract opened, Contract edited, String reason) {
        Map<String, String> errors = ContractRules.validate(edited);
        if (!errors.isEmpty()) {
            throw new ContractValidationException(errors);
        }
        String why = reason == null || reason.isBlank() ? (edited.isNew() ? "New contract" : "Contract edited") : reason.strip();
        if (edited.isNew()) {
            UUID id = hibernate.write("saving the contract", why, null, s -> repository.insert(s, edited));
            return load(id);
        }
        try {
            hibernate.write("saving the contract", why, null, s -> {
                if (repository.update(s, edited) == Contract.Status.ACTIVE) {
                    // an active contract drives its organization: entitlements and the discount follow the edit at once
                    repository.followActiveContract(s, edited, today());
                }
                return null;
            });
        } catch (Hibernate.StaleException stale) {
            throw conflict(opened == null ? edited : opened, edited);
        }
        return load(edited.id());
    }

    private ContractConflictException conflict(Contract opened, Contract mine) {
        Contract theirs = hibernate.read("loading the contract", s -> repository.find(s, mine.id()));
        if (theirs == null) {
            return new ContractConflictException("Someone removed this contract since you opened it. Your edits are still in the "
                    + "form; copy what you need.", null, List.of(), List.of());
        }
        ContractRepository.LastChange last = jdbc.read("reading the audit log", c -> repository.lastChange(c, mine.id()));
        List<ContractRules.FieldChange> theirChanges = ContractRules.changes(opened, theirs);
        List<String> mineFields = ContractRules.changes(opened, mine).stream().map(ContractRules.FieldChange::field).toList();
        List<ContractRules.FieldChange> both = theirChanges.stream().filter(f -> mineFields.contains(f.field())).toList();
        String who = last == null ? "Someone else" : last.who();
        String when = last == null ? "" : " at " + last.at().atZoneSameInstant(clock.getZone()).format(DateTimeFormatter.ofPattern("HH:mm"));
        StringBuilder msg = new StringBuilder(who + " changed this contract" + when + " since you opened it");
        msg.append(theirChanges.isEmpty() ? "." : ": " + String.join("; ", theirChanges.stream().map(Object::toString).toList()) + ".");
        msg.append(" Nothing was saved and your edits are kept.");
        msg.append(both.isEmpty() ? " Save again to put your changes on top of theirs."
                : " You both changed " + String.join(", ", both.stream().map(ContractRules.FieldChange::label).toList())
                + ": check those, then save again to keep yours.");
        return new ContractConflictException(msg.toString(), theirs, theirChanges, both);
    }

    /**
     * Puts the organization on the contract's terms: a new subscription on the contract plan from the contract's
     * start (the old one ends there, and a self-serve Stripe subscription is canceled so nothing bills twice),
     * entitlements at the contract's quotas, the contract active and any earlier one ended. The rating engine then
     * prices the organization with the contract's fee by its billing schedule, its included amounts and its rates.
     */
    public Contract apply(Contract k, String reason) {
        if (k.isNew()) {
            throw new UserFacingException("Save the contract before applying it.");
        }
        LocalDate today = today();
        if (k.startsOn().isAfter(today)) {
            throw new UserFacingException("This contract starts on " + k.startsOn() + "; apply it on or after that day.");
        }
        if (!k.endsOn().isAfter(today)) {
            throw new UserFacingException("This contract ended on " + k.endsOn() + "; renew it as a new contract instead.");
        }
        if (k.status() == Contract.Status.EXPIRED || k.status() == Contract.Status.TERMINATED) {
            throw new UserFacingException("This contract is " + k.status().db() + "; renew it as a new contract instead.");
        }
        if (!k.signed(ContractDocument.Kind.ORDER_FORM)) {
            throw new UserFacingException("The order form is not signed yet: record it as signed before applying the contract's terms.");
        }
        // A self-serve Stripe subscription must stop before the contract bills: cancel first (idempotent per contract
        // and subscription; retrieving first makes a retry after a crash a no-op), then record the move.
        // the whole move is tried under the signed-in role's grants first: a role that may not apply contracts is
        // stopped here, before anything happens in Stripe
        if (!jdbc.probe("applying the contract", c -> repository.apply(c, k, today))) {
            throw conflict(k, k);
        }
        ContractRepository.LiveSubscription live = jdbc.read("reading the subscription", c -> repository.liveSubscription(c, k.organizationId()));
        String canceled = null;
        if (live != null && live.stripeSubscriptionId() != null && !k.id().equals(live.contractId())) {
            StripeGateway gateway = stripe.get();
            StripeModels.Subscription sub = gateway.retrieveSubscription(live.stripeSubscriptionId());
            if (!"canceled".equals(sub.status())) {
                gateway.cancelSubscription(IdempotencyKey.of("contract", k.id(), "cancel-" + live.stripeSubscriptionId()),
                        live.stripeSubscriptionId());
                canceled = live.stripeSubscriptionId();
            }
        }
        String why = (reason == null || reason.isBlank() ? "Contract terms applied" : reason.strip())
                + (canceled == null ? "" : " (self-serve Stripe subscription " + canceled + " canceled)");
        boolean done = jdbc.write("applying the contract", why, null, c -> repository.apply(c, k, today));
        if (!done) {
            throw conflict(k, k);
        }
        return load(k.id());
    }

    /** Active contracts ending within {@code days} of today (or already past their end), soonest first. */
    public List<Renewal> expiring(int days) {
        if (days < 0) {
            throw new UserFacingException("The number of days cannot be negative.");
        }
        LocalDate today = today();
        return hibernate.read("loading the renewal pipeline", s -> repository.list(s, Contract.Status.ACTIVE,
                today.plusDays(days))).stream().map(k -> Renewal.of(k, today)).toList();
    }

    /** Active contracts whose paperwork needs attention (missing DPA or BAA, unsigned or expired documents). */
    public List<Renewal> withWarnings() {
        LocalDate today = today();
        return hibernate.read("loading the contracts", s -> repository.list(s, Contract.Status.ACTIVE, null)).stream()
                .filter(k -> !ContractRules.documentWarnings(k, today).isEmpty()).map(k -> Renewal.of(k, today)).toList();
    }

    /** A file attached to a document: where it is and the SHA-256 of its content now. */
    public record AttachedFile(String path, String sha256) {
    }

    /** Reads a file to attach and hashes it; a missing or unreadable file is refused with a plain message. */
    public AttachedFile attach(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new UserFacingException("There is no file at " + p + ".");
        }
        return new AttachedFile(p.toString(), sha256(p));
    }

    /** True when the document's file is still there with the content it was attached with. */
    public boolean fileUnchanged(ContractDocument d) {
        if (d.filePath() == null || d.filePath().isBlank()) {
            return true;
        }
        Path p = Path.of(d.filePath());
        return Files.isRegularFile(p) && sha256(p).equals(d.sha256());
    }

    static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UserFacingException("The file " + p + " could not be read (" + e.getMessage() + ").");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
