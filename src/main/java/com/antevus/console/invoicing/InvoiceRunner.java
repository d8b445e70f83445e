package com.antevus.console.invoicing;

import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.db.HeldConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many invoices' Stripe steps at once. Different organizations proceed concurrently (the gateway's rate
 * limiter keeps the whole run within Stripe's limit); one invoice's steps run one after another on one worker,
 * so calls on one Stripe object never overlap. Stripe failures are retried by the gateway alone; what remains is
 * reported with its reason. A lost database connection stops the run: organizations not yet begun are not started.
 */
final class InvoiceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(InvoiceRunner.class);

    /** One invoice to take through its steps. */
    record Target(UUID organizationId, UUID invoiceId, String organizationName) {
    }

    private final DataSource dataSource;
    private final StripeGateway stripe;
    private final int concurrency;
    private final Duration lockWait;
    private final InvoiceSteps.Observer observer;

    private final java.time.Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<String> lost = new java.util.concurrent.atomic.AtomicReference<>();

    InvoiceRunner(DataSource dataSource, StripeGateway stripe, int concurrency, Duration lockWait, InvoiceSteps.Observer observer,
                  java.time.Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.stripe = stripe;
        this.concurrency = Math.max(1, concurrency);
        this.lockWait = lockWait;
        this.observer = observer;
    }

    /** The outcome of each target that got one; a killed run returns what finished before the kill. */
    List<InvoiceSteps.Outcome> run(List<Target> targets, UUID runId, RunControl control, Consumer<RunProgress> progress) {
        List<InvoiceSteps.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger steps = new AtomicInteger();
        InvoiceSteps.Observer counting = new InvoiceSteps.Observer() {
            @Override
            public void beforeCall(UUID invoice, InvoiceSteps.Step step) {
                observer.beforeCall(invoice, step);
            }

            @Override
            public void afterCall(UUID invoice, InvoiceSteps.Step step) {
                observer.afterCall(invoice, step);
            }

            @Override
            public void recorded(UUID invoice, InvoiceSteps.Step step) {
                observer.recorded(invoice, step);
                int n = steps.incrementAndGet();
                progress.accept(new RunProgress(targets.size(), finished.get(), failed.get(), n, null, null, step.label, null));
            }
        };
        InvoiceSteps machine = new InvoiceSteps(stripe, counting, control::killed, clock);
        ExecutorService pool = com.antevus.console.core.WorkerPool.fixed("invoice-run", Math.min(concurrency, Math.max(1, targets.size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Target t : targets) {
                futures.add(pool.submit(() -> {
                    InvoiceSteps.Outcome o;
                    try {
                        o = processOnce(machine, t, runId, control);
                    } catch (InvoiceSteps.Killed k) {
                        throw k;
                    } catch (RuntimeException e) {
                        // an error nobody foresaw is still this organization's failure, in the summary and the exit code
                        LOG.warn("Invoice run worker failed for {}", t.organizationId(), e);
                        o = new InvoiceSteps.Outcome(t.organizationId(), t.invoiceId(), t.organizationName(), null, null, null, 0, null,
                                "An unexpected error stopped this invoice (" + e.getClass().getSimpleName() + "); the journal keeps "
                                        + "its last completed step and the next run resumes it.", true, false);
                    }
                    if (o == null) {
                        return;
                    }
                    outcomes.add(o);
                    boolean ok = o.done();
                    if (ok) {
                        finished.incrementAndGet();
                    } else if (o.error() != null) {
                        failed.incrementAndGet();
                    }
                    progress.accept(new RunProgress(targets.size(), finished.get(), failed.get(), steps.get(), t.organizationId(),
                            t.organizationName(), ok ? "Sent" : o.error() == null ? "Stopped" : "Failed", o.error()));
                }));
            }
            for (Future<?> f : futures) {
                if (control.killed()) {
                    break;
                }
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof InvoiceSteps.Killed)) {
                        LOG.warn("Invoice run worker failed", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    control.kill();
                }
            }
        } finally {
            if (control.killed()) {
                pool.shutdownNow(); // abandon whatever is in flight, as a crash would
            } else {
                pool.shutdown();
                try {
                    pool.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return new ArrayList<>(outcomes);
    }

    /**
     * One pass over the invoice's remaining steps. Stripe failures are retried inside the gateway, within one budget
     * per step (the only retry layer); what is left is this organization's failure, and the next run resumes it.
     */
    private InvoiceSteps.Outcome processOnce(InvoiceSteps machine, Target t, UUID runId, RunControl control) {
        if (control.killed()) {
            return null;
        }
        if (lost.get() != null) {
            return failure(t, "Not started: the connection to the database was lost before its turn.", true);
        }
        HeldConnection c;
        try {
            c = HeldConnection.open(dataSource);
        } catch (HeldConnection.Failure e) {
            lost.compareAndSet(null, e.getMessage());
            return failure(t, "Not started: the connection to the database was lost before its turn.", true);
        }
        try (c) {
            return machine.process(c, t.organizationId(), t.invoiceId(), runId, lockWait, control::holdOrStop);
        } catch (InvoiceSteps.Killed k) {
            return null;
        } catch (HeldConnection.Failure e) {
            if (control.killed()) {
                return null;
            }
            if (e.connectionLost()) {
                lost.compareAndSet(null, e.getMessage());
                return failure(t, "Part-way: the connection to the database was lost while recording a step; the journal keeps "
                        + "its last recorded step and the next run resumes it from there.", true);
            }
            return failure(t, "The database refused a step (" + e.getMessage() + "); the next run resumes it.", true);
        } catch (com.antevus.console.core.UserFacingException e) {
            return control.killed() ? null : failure(t, e.getMessage(), false);
        }
    }

    private static InvoiceSteps.Outcome failure(Target t, String reason, boolean retryable) {
        return new InvoiceSteps.Outcome(t.organizationId(), t.invoiceId(), t.organizationName(), null, null, null, 0, null,
                reason, retryable, false);
    }

    /** Why the database was lost during the last run, or null when it was not. */
    String lostConnection() {
        return lost.get();
    }
}
