package com.antevus.console.verification;

import com.antevus.console.core.Money;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Hibernate;
import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The academic verification queue: requests with their domain check, and decisions (approve, reject with a reason,
 * ask for more information, bulk approve after a dry run). Approving moves the organization's Stripe subscription to
 * the academic price through the gateway and its console subscription to the academic plan; every decision is audited.
 */
public final class VerificationService {
    /** Reasons support picks from when rejecting; the last takes free text. */
    public static final List<String> REJECTION_TEMPLATES = List.of(
            "The e-mail domain does not belong to an academic institution.",
            "A personal or free e-mail address cannot show an academic affiliation; please apply from your institution's address.",
            "The evidence does not show a current affiliation with the institution.",
            "Academic pricing is for teaching and non-commercial research; this organization's use is commercial.",
            "This organization already has a verification on file.",
            "Other (write the reason)");
    public static final int REVERIFY_MONTHS = 12;

    private final Jdbc jdbc;
    private final Hibernate hibernate;
    private final Supplier<StripeGateway> stripe;
    private final Clock clock;
    private final VerificationRepository repository = new VerificationRepository();

    /** The entities decisions are saved through. */
    public static List<Class<?>> entities() {
        return VerificationRepository.ENTITIES;
    }

    /** For tests: starts its own SessionFactory over {@link #entities()}, which lives as long as the JVM. */
    public VerificationService(DataSource dataSource, Supplier<StripeGateway> stripe, Clock clock) {
        this(dataSource, Hibernate.start(dataSource, entities(), java.util.concurrent.ForkJoinPool.commonPool()), stripe, clock);
    }

    /**
     * The queue reads over plain JDBC (one join across requests, organizations, subscriptions and plans); a decision
     * is saved through Hibernate: the request row locked at the version read, the organization's academic standing.
     */
    public VerificationService(DataSource dataSource, Hibernate hibernate, Supplier<StripeGateway> stripe, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.hibernate = hibernate;
        this.stripe = stripe;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Every request, oldest first (the queue filters in memory: a few thousand at most). */
    public List<VerificationRequest> all() {
        return jdbc.read("loading the verification queue", c -> repository.list(c, ""));
    }

    public VerificationRequest load(UUID id) {
        VerificationRequest r = jdbc.read("loading the request", c -> repository.find(c, id));
        if (r == null) {
            throw new UserFacingException("This request no longer exists. Reload the queue.");
        }
        return r;
    }

    /** Why this request cannot be approved as it stands; null when it can. */
    public static String approvalProblem(VerificationRequest r, String reason) {
        if (!r.status().open()) {
            return "This request is already " + r.status().toString().toLowerCase(java.util.Locale.ROOT) + ".";
        }
        switch (r.check().verdict()) {
            case MALFORMED -> {
                return "The request's e-mail domain '" + r.emailDomain() + "' is not a domain; ask the requester for their institution's address.";
            }
            case DISPOSABLE -> {
                return r.check().domain() + " is a disposable mail domain; academic pricing cannot be approved on it.";
            }
            default -> { }
        }
        if (!r.check().verdict().academic() && r.method() == VerificationRequest.Method.AUTO) {
            return "An automatic request needs an academic domain, and " + r.check().domain()
                    + " is not one; review the evidence and decide it as a manual request.";
        }
        if (!r.check().verdict().academic() && (reason == null || reason.isBlank())) {
            return r.check().domain() + " is not a known academic domain: write the evidence you relied on as the reason.";
        }
        if (r.stripeCustomerId() == null) {
            return r.organizationName() + " has no Stripe customer, so its price cannot be moved. Link it to Stripe in "
                    + "Organizations first.";
        }
        if (r.planCode() == null) {
            return r.organizationName() + " has no live subscription to move to academic pricing.";
        }
        if (r.academicPlanCode() == null && !r.alreadyAcademic()) {
            return "The " + r.planName() + " plan has no academic price in its catalog version.";
        }
        return null;
    }

    /**
     * Approves: the Stripe subscription (if any) moves to the academic price, then in one audited transaction the
     * request is approved (by whom, re-verification due in 12 months), the organization is marked academic with its
     * domain, and its subscription moves to the academic plan. The request row is locked at the version read for
     * the whole decision, so someone deciding it a moment earlier wins and this one changes nothing.
     */
    public VerificationRequest approve(VerificationRequest r, String reason) {
        String problem = approvalProblem(r, reason);
        if (problem != null) {
            throw new UserFacingException(problem + " Nothing was changed.");
        }
        String why = reason == null || reason.isBlank() ? "Academic pricing approved: " + r.check().explanation() : reason.strip();
        boolean done = hibernate.write("approving the request", why, null, session -> {
            VerificationRow row = repository.lock(session, r);
            if (row == null) {
                return false;
            }
            if (r.stripeSubscriptionId() != null && !r.alreadyAcademic()) {
                String price = repository.academicStripePrice(session, r.organizationId());
                if (price == null) {
                    throw new UserFacingException("The " + r.academicPlanName() + " price is not published to Stripe yet; publish the "
                            + "catalog in Plans, then approve again. Nothing was changed.");
                }
                StripeGateway gateway = stripe.get();
                StripeModels.Subscription sub = gateway.retrieveSubscription(r.stripeSubscriptionId());
                StripeModels.SubscriptionItem item = sub.items().isEmpty() ? null : sub.items().get(0);
                if (item == null) {
                    throw new UserFacingException("The Stripe subscription " + r.stripeSubscriptionId() + " has no items to move. Nothing was changed.");
                }
                if (!price.equals(item.priceId())) {
                    gateway.changeSubscriptionPrice(IdempotencyKey.of("verification", r.id(), "academic-price"), sub.id(), item.id(), price);
                }
            }
            java.time.Instant now = clock.instant();
            row.decide(VerificationRequest.Status.APPROVED, repository.sessionUser(session), why,
                    com.antevus.console.core.ConsoleClock.today(clock).plusMonths(REVERIFY_MONTHS), now);
            repository.makeAcademic(session, r, now);
            return true;
        });
        if (!done) {
            throw decidedElsewhere(r);
        }
        return load(r.id());
    }

    /** Rejects with a reason (a template or free text); the organization and its price do not change. */
    public VerificationRequest reject(VerificationRequest r, String reason) {
        requireOpen(r);
        if (reason == null || reason.isBlank()) {
            throw new UserFacingException("Choose or write the reason for rejecting; the requester is told it. Nothing was changed.");
        }
        return decide(r, VerificationRequest.Status.REJECTED, reason.strip(), "rejecting the request");
    }

    /** Asks the requester for more information; the request stays open as "info requested". */
    public VerificationRequest requestInformation(VerificationRequest r, String message) {
        requireOpen(r);
        if (message == null || message.isBlank()) {
            throw new UserFacingException("Write what you need from the requester. Nothing was changed.");
        }
        return decide(r, VerificationRequest.Status.INFO_REQUESTED, message.strip(), "asking for more information");
    }

    private static void requireOpen(VerificationRequest r) {
        if (!r.status().open()) {
            throw new UserFacingException("This request is already " + r.status().toString().toLowerCase(java.util.Locale.ROOT)
                    + ". Nothing was changed.");
        }
    }

    private VerificationRequest decide(VerificationRequest r, VerificationRequest.Status status, String reason, String what) {
        boolean done = hibernate.write(what, reason, null, session -> {
            VerificationRow row = repository.lock(session, r);
            if (row == null) {
                return false;
            }
            row.decide(status, repository.sessionUser(session), reason, null, clock.instant());
            return true;
        });
        if (!done) {
            throw decidedElsewhere(r);
        }
        return load(r.id());
    }

    private UserFacingException decidedElsewhere(VerificationRequest r) {
        VerificationRequest now = jdbc.read("loading the request", c -> repository.find(c, r.id()));
        if (now == null) {
            return new UserFacingException("This request was removed a moment ago. Nothing was changed.");
        }
        String when = now.decidedAt() == null ? "" : " at " + DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(now.decidedAt()) + " UTC";
        String who = now.decidedBy() == null ? "Someone else" : now.decidedBy();
        return new UserFacingException(who + " already handled this request" + when + " (now "
                + now.status().toString().toLowerCase(java.util.Locale.ROOT) + "). Nothing was changed; reload to see it.");
    }

    /** One line of a bulk approval: the request and what approving it does, or why it is left out. */
    public record BulkLine(VerificationRequest request, String outcome, boolean ok) {
    }

    /**
     * Bulk approval of automatic requests whose domain is on the academic list. With {@code dryRun} nothing changes
     * and each line says what would happen; otherwise each is approved in turn, and one failing does not stop the rest.
     */
    public List<BulkLine> bulkApproveAutoMatched(boolean dryRun) {
        List<BulkLine> out = new ArrayList<>();
        for (VerificationRequest r : all()) {
            if (r.status() != VerificationRequest.Status.PENDING || r.method() != VerificationRequest.Method.AUTO || !r.check().autoApprovable()) {
                continue;
            }
            String problem = approvalProblem(r, null);
            if (problem != null) {
                out.add(new BulkLine(r, "Left for review: " + problem, false));
                continue;
            }
            String move = r.alreadyAcademic() ? "already on academic pricing" : r.planName() + " " + price(r.planMonthlyMinor(), r.currency())
                    + " → " + r.academicPlanName() + " " + price(r.academicMonthlyMinor(), r.currency()) + " a month";
            if (dryRun) {
                out.add(new BulkLine(r, "Would approve (" + r.check().institution() + "): " + move, true));
                continue;
            }
            try {
                approve(r, "Bulk approval of automatic requests: " + r.check().explanation());
                out.add(new BulkLine(r, "Approved: " + move, true));
            } catch (RuntimeException e) {
                out.add(new BulkLine(r, "Not approved: " + com.antevus.console.core.Errors.plainMessage(e), false));
            }
        }
        return out;
    }

    private static String price(Long minor, String currency) {
        return minor == null ? "—" : Money.of(minor, currency).format();
    }
}
