package com.antevus.console.verification;

import com.antevus.console.core.Money;
import com.antevus.console.core.TaskExecutor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The academic verification queue's state: requests with filters (status, method, age), the selected request with
 * its domain check and what approving it would change, the decision fields, and bulk approval with its dry run.
 * Work runs on the task executor; nothing here touches a Node.
 */
public final class VerificationsViewModel extends com.antevus.console.core.SectionViewModel {
    public enum Show {
        OPEN("Open"), PENDING("Pending"), INFO_REQUESTED("Info requested"), APPROVED("Approved"), REJECTED("Rejected"),
        REVERIFY("Re-verification due"), ALL("All");

        private final String label;

        Show(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final VerificationService service;
    private final TaskExecutor executor;
    private final List<VerificationRequest> all = new ArrayList<>();
    private final ObservableList<VerificationRequest> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Show> show = new SimpleObjectProperty<>(Show.OPEN);
    private final ObjectProperty<VerificationRequest.Method> method = new SimpleObjectProperty<>();
    private final BooleanProperty olderThan3Days = new SimpleBooleanProperty();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<VerificationRequest> selected = new SimpleObjectProperty<>();
    private final StringProperty approveReason = new SimpleStringProperty("");
    private final ObjectProperty<String> rejectTemplate = new SimpleObjectProperty<>();
    private final StringProperty rejectNote = new SimpleStringProperty("");
    private final StringProperty infoMessage = new SimpleStringProperty("");
    private final StringProperty approvalProblem = new SimpleStringProperty("");
    private final ObservableList<VerificationService.BulkLine> bulkLines = FXCollections.observableArrayList();
    private final BooleanProperty bulkPlanned = new SimpleBooleanProperty();
    private final StringProperty bulkSummary = new SimpleStringProperty("");

    public VerificationsViewModel(VerificationService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
        show.addListener((o, a, b) -> applyFilter());
        method.addListener((o, a, b) -> applyFilter());
        olderThan3Days.addListener((o, a, b) -> applyFilter());
        search.addListener((o, a, b) -> applyFilter());
        selected.addListener((o, a, b) -> refreshDecision());
        approveReason.addListener((o, a, b) -> refreshDecision());
    }

    public Instant now() {
        return service.clock().instant();
    }

    public LocalDate today() {
        return com.antevus.console.core.ConsoleClock.today(service.clock());
    }


    public void load() {
        busy.set(true);
        error.set("");
        UUID keep = selected.get() == null ? null : selected.get().id();
        executor.run(service::all, list -> {
            busy.set(false);
            all.clear();
            all.addAll(list);
            applyFilter();
            if (keep != null) {
                all.stream().filter(r -> r.id().equals(keep)).findFirst().ifPresent(selected::set);
            }
        }, this::fail);
    }

    private void applyFilter() {
        Instant now = now();
        LocalDate today = today();
        String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        List<VerificationRequest> shown = all.stream().filter(r -> switch (show.get()) {
            case OPEN -> r.status().open();
            case PENDING -> r.status() == VerificationRequest.Status.PENDING;
            case INFO_REQUESTED -> r.status() == VerificationRequest.Status.INFO_REQUESTED;
            case APPROVED -> r.status() == VerificationRequest.Status.APPROVED;
            case REJECTED -> r.status() == VerificationRequest.Status.REJECTED;
            case REVERIFY -> r.reverificationDue(today, 30);
            case ALL -> true;
        }).filter(r -> method.get() == null || r.method() == method.get())
                .filter(r -> !olderThan3Days.get() || r.overdue(now))
                .filter(r -> q.isEmpty() || (r.organizationName() + " " + r.requesterEmail() + " " + r.emailDomain() + " "
                        + (r.institution() == null ? "" : r.institution())).toLowerCase(Locale.ROOT).contains(q))
                .toList();
        rows.setAll(shown);
        long open = all.stream().filter(r -> r.status().open()).count();
        long overdue = all.stream().filter(r -> r.overdue(now)).count();
        long auto = all.stream().filter(r -> r.status() == VerificationRequest.Status.PENDING
                && r.method() == VerificationRequest.Method.AUTO && r.check().autoApprovable()).count();
        long reverify = all.stream().filter(r -> r.reverificationDue(today, 30)).count();
        summary.set(String.format("%,d shown · %,d open · %,d older than 3 days · %,d automatic with a listed domain · %,d re-verifications due in 30 days",
                shown.size(), open, overdue, auto, reverify));
    }

    private void refreshDecision() {
        VerificationRequest r = selected.get();
        approvalProblem.set(r == null ? "" : nullToEmpty(VerificationService.approvalProblem(r, approveReason.get())));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** "Core $1,500.00 → core-academic $900.00 a month" for the selected request. */
    public static String priceMove(VerificationRequest r) {
        if (r.planCode() == null) {
            return "No live subscription";
        }
        String now = r.planName() + (r.planMonthlyMinor() == null ? "" : " " + Money.of(r.planMonthlyMinor(), r.currency()).format());
        if (r.alreadyAcademic()) {
            return now + " a month (already academic pricing)";
        }
        if (r.academicPlanCode() == null) {
            return now + " a month; this plan has no academic price";
        }
        return now + " → " + r.academicPlanName() + " " + (r.academicMonthlyMinor() == null ? "" : Money.of(r.academicMonthlyMinor(), r.currency()).format())
                + " a month";
    }

    public void approve() {
        VerificationRequest r = selected.get();
        if (r == null) {
            return;
        }
        String reason = approveReason.get();
        run(() -> service.approve(r, reason), "Approved " + r.organizationName() + ": academic pricing from now on, re-verification due in "
                + VerificationService.REVERIFY_MONTHS + " months.");
    }

    public void reject() {
        VerificationRequest r = selected.get();
        if (r == null) {
            return;
        }
        String template = rejectTemplate.get();
        String note = rejectNote.get() == null ? "" : rejectNote.get().strip();
        String reason = template == null || template.startsWith("Other") ? note
                : template + (note.isEmpty() ? "" : " " + note);
        run(() -> service.reject(r, reason), "Rejected " + r.organizationName() + "'s request.");
    }

    public void requestInformation() {
        VerificationRequest r = selected.get();
        if (r == null) {
            return;
        }
        String msg = infoMessage.get();
        run(() -> service.requestInformation(r, msg), "Asked " + r.requesterEmail() + " for more information.");
    }

    private void run(java.util.concurrent.Callable<VerificationRequest> work, String done) {
        busy.set(true);
        error.set("");
        executor.run(work, updated -> {
            busy.set(false);
            message.set(done);
            approveReason.set("");
            rejectNote.set("");
            rejectTemplate.set(null);
            infoMessage.set("");
            int at = all.indexOf(all.stream().filter(x -> x.id().equals(updated.id())).findFirst().orElse(null));
            if (at >= 0) {
                all.set(at, updated);
            }
            applyFilter();
            selected.set(updated);
        }, t -> {
            fail(t);
            load(); // show what is true now (someone may have decided it a moment ago)
        });
    }

    public void planBulk() {
        busy.set(true);
        error.set("");
        executor.run(() -> service.bulkApproveAutoMatched(true), lines -> {
            busy.set(false);
            bulkLines.setAll(lines);
            long ok = lines.stream().filter(VerificationService.BulkLine::ok).count();
            bulkSummary.set(lines.isEmpty() ? "No pending automatic request has a listed academic domain."
                    : String.format("Dry run: %,d would be approved, %,d left for review. Nothing has changed yet.", ok, lines.size() - ok));
            bulkPlanned.set(ok > 0);
        }, this::fail);
    }

    public void runBulk() {
        if (!bulkPlanned.get()) {
            return;
        }
        busy.set(true);
        error.set("");
        bulkPlanned.set(false);
        executor.run(() -> service.bulkApproveAutoMatched(false), lines -> {
            busy.set(false);
            bulkLines.setAll(lines);
            long ok = lines.stream().filter(VerificationService.BulkLine::ok).count();
            bulkSummary.set(String.format("Approved %,d; %,d not approved (see each line).", ok, lines.size() - ok));
            notices().finished("Bulk approval", bulkSummary.get());
            load();
        }, this::fail);
    }

    public void closeBulk() {
        bulkLines.clear();
        bulkSummary.set("");
        bulkPlanned.set(false);
    }

    public ObservableList<VerificationRequest> rows() { return rows; }
    public ObjectProperty<Show> showProperty() { return show; }
    public ObjectProperty<VerificationRequest.Method> methodProperty() { return method; }
    public BooleanProperty olderThan3DaysProperty() { return olderThan3Days; }
    public StringProperty searchProperty() { return search; }
    public StringProperty summaryProperty() { return summary; }
    public ObjectProperty<VerificationRequest> selectedProperty() { return selected; }
    public StringProperty approveReasonProperty() { return approveReason; }
    public ObjectProperty<String> rejectTemplateProperty() { return rejectTemplate; }
    public StringProperty rejectNoteProperty() { return rejectNote; }
    public StringProperty infoMessageProperty() { return infoMessage; }
    public StringProperty approvalProblemProperty() { return approvalProblem; }
    public ObservableList<VerificationService.BulkLine> bulkLines() { return bulkLines; }
    public BooleanProperty bulkPlannedProperty() { return bulkPlanned; }
    public StringProperty bulkSummaryProperty() { return bulkSummary; }
}
