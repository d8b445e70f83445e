-- Billing Console schema, version 5: invoice drafts, resumable invoice runs (the journal), and the Stripe events
-- cursor.

-- One live invoice per organization, period and kind: two consoles planning the same period cannot both create
-- one (a voided invoice may be replaced).
create unique index invoices_one_per_period on invoices (organization_id, period_start, kind) where status <> 'void';
-- screens and Stripe events name an invoice by its id (or Stripe's) alone
create unique index invoices_id on invoices (id);

-- Who made an invoice and from what: the run that planned it, or the person who drafted it by hand.
alter table invoices
    add column created_by        text not null default session_user,
    add column run_id            uuid,
    add column memo              text,
    add column payment_failed_at timestamptz,
    add column payment_error     text;

-- A line keeps what the rating engine priced it at, so an adjusted line shows both; the reason is required.
alter table invoice_lines
    add column rated_amount_minor bigint,
    add column adjustment_reason  text,
    add check (adjustment_reason is null or length(btrim(adjustment_reason)) > 0);

-- ---------------------------------------------------------------------------------------------
-- Invoice runs: a choice of period and organizations; each invoice's progress lives in the journal below.
-- ---------------------------------------------------------------------------------------------
create table invoice_runs (
    id            uuid primary key default gen_random_uuid(),
    period_month  date not null check (period_month = date_trunc('month', period_month)::date),
    status        text not null check (status in ('running', 'paused', 'cancelled', 'completed')),
    organizations integer not null check (organizations >= 0),
    started_by    text not null default session_user,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    version       integer not null default 0
);
create index invoice_runs_period on invoice_runs (period_month, started_at desc);

-- The journal: one row per invoice the console creates in Stripe. Each Stripe step's id is written in the same
-- transaction that advances the state, so a run that crashed, was killed or lost the network resumes each
-- invoice from its state. Idempotency keys are bc.invoice.<invoice_id>:<step> (the customer's is
-- bc.organization.<organization_id>:create-customer). step_started_at is when the current step was first
-- tried: after Stripe's 24-hour idempotency window the step looks its object up by metadata before creating.
create table invoice_journal (
    organization_id    uuid not null,
    invoice_id         uuid not null,
    period_month       date not null,
    kind               text not null,
    state              text not null check (state in ('planned', 'customer_ready', 'invoice_created', 'lines_added',
                                                      'finalized', 'sent')),
    run_id             uuid references invoice_runs (id),
    stripe_customer_id text,
    stripe_invoice_id  text,
    step_started_at    timestamptz,
    attempts           integer not null default 0,
    last_error         text,
    last_request_id    text,
    updated_at         timestamptz not null default now(),
    primary key (organization_id, invoice_id),
    foreign key (organization_id, invoice_id) references invoices (organization_id, id) on delete cascade
);
create index invoice_journal_period on invoice_journal (period_month, state);
create index invoice_journal_run on invoice_journal (run_id);

-- Where the events sync stopped: the newest Stripe event id already stored.
create table stripe_sync_state (
    name        text primary key,
    cursor      text,
    synced_at   timestamptz,
    version     integer not null default 0
);

create trigger audit after insert or update or delete on invoice_runs
    for each row execute function audit_row('id');
create trigger audit after insert or update or delete on invoice_journal
    for each row execute function audit_row('organization_id', 'invoice_id');

grant select on invoice_runs, invoice_journal, stripe_sync_state to billing_readonly;
grant insert, update on invoice_runs, invoice_journal, stripe_sync_state to billing_finance;
grant delete on invoices to billing_finance;
grant insert, update, delete on invoice_runs, invoice_journal, stripe_sync_state to billing_admin;
