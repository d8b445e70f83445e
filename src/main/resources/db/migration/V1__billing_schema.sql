-- Billing Console schema, version 1.
-- Conventions: money is bigint minor units plus a char(3) ISO currency; every per-organization table
-- carries organization_id in its primary key so the tables can later be distributed by organization
-- (Citus) without redesign; everything staff edit has a version column for optimistic locking.

-- ---------------------------------------------------------------------------------------------
-- Reference data
-- ---------------------------------------------------------------------------------------------
create table metrics (
    code        text primary key,
    name        text not null,
    unit        text not null,
    -- how a month's usage is derived from the raw records: summed (events, tokens)
    -- or averaged over the month's daily snapshots (storage, billed per GB-month)
    aggregation text not null check (aggregation in ('sum', 'average'))
);

create table resources (
    code text primary key,
    name text not null
);

create table console_meta (
    key        text primary key,
    value      jsonb not null,
    updated_at timestamptz not null default now()
);

-- ---------------------------------------------------------------------------------------------
-- Organizations
-- ---------------------------------------------------------------------------------------------
create table organizations (
    id                   uuid primary key default gen_random_uuid(),
    name                 text not null check (length(btrim(name)) > 0),
    billing_email        text not null check (billing_email like '%_@_%'),
    domain               text,
    country              char(2),
    is_academic          boolean not null default false,
    academic_verified_at timestamptz,
    academic_domain      text,
    is_enterprise        boolean not null default false,
    handles_health_data  boolean not null default false,
    byo_llm              boolean not null default false,
    stripe_customer_id   text unique,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    version              integer not null default 0,
    check (not is_academic or academic_verified_at is not null)
);
create index organizations_name_idx on organizations (lower(name));

-- ---------------------------------------------------------------------------------------------
-- Plan catalog: versions are immutable once published; editing makes a draft version
-- ---------------------------------------------------------------------------------------------
create table catalog_versions (
    id             bigint generated always as identity primary key,
    version_no     integer not null unique check (version_no > 0),
    status         text not null check (status in ('draft', 'published', 'retired')),
    effective_from date,
    published_at   timestamptz,
    published_by   text,
    notes          text,
    created_at     timestamptz not null default now(),
    version        integer not null default 0,
    check (status = 'draft' or (effective_from is not null and published_at is not null))
);

create table plans (
    id                    bigint generated always as identity primary key,
    catalog_version_id    bigint not null references catalog_versions (id),
    code                  text not null check (code ~ '^[a-z0-9][a-z0-9-]*$'),
    name                  text not null,
    family                text not null,
    billing_model         text not null check (billing_model in ('flat', 'per_seat', 'pay_as_you_go', 'custom')),
    currency              char(3) not null default 'USD',
    monthly_price_minor   bigint check (monthly_price_minor >= 0),
    annual_price_minor    bigint check (annual_price_minor >= 0),
    min_seats             integer check (min_seats > 0),
    academic_of_plan_id   bigint references plans (id),
    self_serve            boolean not null default false,
    grace_days            integer not null default 7 check (grace_days >= 0),
    alert_thresholds      integer[] not null default '{80,100,120}',
    sort_order            integer not null default 0,
    version               integer not null default 0,
    unique (catalog_version_id, code),
    check (annual_price_minor is null or monthly_price_minor is null or annual_price_minor <= 12 * monthly_price_minor)
);

create table plan_quotas (
    plan_id     bigint not null references plans (id) on delete cascade,
    dimension   text not null check (dimension in ('resource', 'metric')),
    code        text not null,
    limit_value bigint check (limit_value >= 0),
    cap         text not null check (cap in ('limited', 'unlimited', 'soft', 'hard')),
    primary key (plan_id, code),
    check ((cap = 'unlimited') = (limit_value is null))
);

create table add_ons (
    id                  bigint generated always as identity primary key,
    catalog_version_id  bigint not null references catalog_versions (id),
    code                text not null check (code ~ '^[a-z0-9][a-z0-9-]*$'),
    name                text not null,
    currency            char(3) not null default 'USD',
    monthly_price_minor bigint not null check (monthly_price_minor >= 0),
    raises_resource     text references resources (code),
    raises_by           integer check (raises_by > 0),
    version             integer not null default 0,
    unique (catalog_version_id, code),
    check ((raises_resource is null) = (raises_by is null))
);

-- A metered price. The fractional rate columns are numeric, never float; see the rating engine for
-- the rounding rule applied to them.
create table metered_prices (
    id                  bigint generated always as identity primary key,
    plan_id             bigint not null references plans (id) on delete cascade,
    metric              text not null references metrics (code),
    model               text not null check (model in ('per_unit', 'package', 'cost_plus', 'per_gb_month', 'graduated')),
    currency            char(3) not null default 'USD',
    unit_amount_minor   bigint check (unit_amount_minor >= 0),
    unit_amount_decimal numeric(24, 12) check (unit_amount_decimal >= 0),
    unit_size           bigint not null default 1 check (unit_size > 0),
    package_size        bigint check (package_size > 0),
    margin_pct          numeric(7, 4) check (margin_pct >= 0),
    tiers               jsonb,
    version             integer not null default 0,
    unique (plan_id, metric),
    check (model <> 'package' or (package_size is not null and unit_amount_minor is not null)),
    check (model <> 'graduated' or tiers is not null)
);

-- ---------------------------------------------------------------------------------------------
-- Subscriptions and entitlements
-- ---------------------------------------------------------------------------------------------
create table subscriptions (
    organization_id        uuid not null references organizations (id),
    id                     uuid not null default gen_random_uuid(),
    plan_id                bigint not null references plans (id),
    status                 text not null check (status in ('trialing', 'active', 'past_due', 'unpaid', 'canceled')),
    billing_interval       text not null check (billing_interval in ('month', 'year')),
    seats                  integer check (seats > 0),
    current_period_start   date not null,
    current_period_end     date not null,
    cancel_at_period_end   boolean not null default false,
    discount_pct           numeric(5, 2) not null default 0 check (discount_pct between 0 and 100),
    stripe_subscription_id text,
    contract_id            uuid,
    started_at             timestamptz not null default now(),
    canceled_at            timestamptz,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    version                integer not null default 0,
    primary key (organization_id, id),
    unique (organization_id, stripe_subscription_id),
    check (current_period_end > current_period_start)
);
-- at most one live subscription per organization
create unique index subscriptions_one_live on subscriptions (organization_id) where status <> 'canceled';
create unique index subscriptions_id_idx on subscriptions (id);

create table subscription_items (
    organization_id             uuid not null,
    id                          uuid not null default gen_random_uuid(),
    subscription_id             uuid not null,
    kind                        text not null check (kind in ('base', 'seats', 'metered')),
    metric                      text references metrics (code),
    quantity                    integer not null default 1 check (quantity >= 0),
    stripe_subscription_item_id text,
    created_at                  timestamptz not null default now(),
    primary key (organization_id, id),
    foreign key (organization_id, subscription_id) references subscriptions (organization_id, id)
);

create table subscription_add_ons (
    organization_id             uuid not null,
    id                          uuid not null default gen_random_uuid(),
    subscription_id             uuid not null,
    add_on_code                 text not null,
    quantity                    integer not null default 1 check (quantity > 0),
    active                      boolean not null default true,
    stripe_subscription_item_id text,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    version                     integer not null default 0,
    primary key (organization_id, id),
    foreign key (organization_id, subscription_id) references subscriptions (organization_id, id)
);
create unique index subscription_add_ons_active on subscription_add_ons (organization_id, subscription_id, add_on_code) where active;

create table entitlements (
    organization_id uuid not null references organizations (id),
    resource        text not null references resources (code),
    limit_value     bigint check (limit_value >= 0), -- null: unlimited
    current_usage   bigint not null default 0 check (current_usage >= 0),
    updated_at      timestamptz not null default now(),
    version         integer not null default 0,
    primary key (organization_id, resource)
);

-- ---------------------------------------------------------------------------------------------
-- Usage: written by the product, append-only, partitioned by month. No foreign key and no trigger on
-- the write path: the product's ingestion speed matters more, and rollups are built off the write path.
-- ---------------------------------------------------------------------------------------------
create sequence usage_records_id_seq;
create table usage_records (
    organization_id uuid not null,
    metric          text not null,
    value           bigint not null,
    recorded_at     timestamptz not null,
    id              bigint not null default nextval('usage_records_id_seq'),
    ingested_at     timestamptz not null default now(),
    primary key (organization_id, metric, recorded_at, id)
) partition by range (recorded_at);
alter sequence usage_records_id_seq owned by usage_records.id;
create index usage_records_recorded_brin on usage_records using brin (recorded_at);
create table usage_records_default partition of usage_records default;

-- Creates the monthly partition holding the given instant, if missing. Idempotent.
create function ensure_usage_partition(p_month date) returns text
    language plpgsql set search_path = billing, pg_temp as
$$
declare
    first_day date := date_trunc('month', p_month)::date;
    part_name text := 'usage_records_' || to_char(first_day, 'YYYY_MM');
begin
    if to_regclass(part_name) is null then
        execute format('create table %I partition of usage_records for values from (%L) to (%L)',
                       part_name, first_day::timestamptz, (first_day + interval '1 month')::timestamptz);
    end if;
    return part_name;
end;
$$;

select ensure_usage_partition(d::date)
from generate_series(date '2024-01-01', date '2027-12-01', interval '1 month') as d;

-- Corrections finance makes to usage (never an edit of the product's raw records).
create table usage_adjustments (
    organization_id uuid not null references organizations (id),
    id              uuid not null default gen_random_uuid(),
    metric          text not null references metrics (code),
    period_month    date not null check (period_month = date_trunc('month', period_month)::date),
    delta           bigint not null check (delta <> 0),
    reason          text not null check (length(btrim(reason)) > 0),
    created_by      text not null default session_user,
    created_at      timestamptz not null default now(),
    primary key (organization_id, id)
);

-- ---------------------------------------------------------------------------------------------
-- Contracts
-- ---------------------------------------------------------------------------------------------
create table contracts (
    organization_id    uuid not null references organizations (id),
    id                 uuid not null default gen_random_uuid(),
    status             text not null check (status in ('draft', 'active', 'expired', 'terminated')),
    currency           char(3) not null default 'USD',
    annual_value_minor bigint not null check (annual_value_minor >= 0),
    billing_schedule   text not null check (billing_schedule in ('annual_upfront', 'quarterly', 'monthly')),
    payment_terms      text not null check (payment_terms in ('net30', 'net45', 'net60')),
    starts_on          date not null,
    ends_on            date not null,
    auto_renew         boolean not null default false,
    notice_days        integer not null default 60 check (notice_days >= 0),
    discount_pct       numeric(5, 2) not null default 0 check (discount_pct between 0 and 100),
    overrides          jsonb not null default '{}',
    notes              text,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    version            integer not null default 0,
    primary key (organization_id, id),
    check (ends_on > starts_on)
);

create table contract_documents (
    organization_id uuid not null,
    id              uuid not null default gen_random_uuid(),
    contract_id     uuid not null,
    kind            text not null check (kind in ('msa', 'order_form', 'dpa', 'baa')),
    status          text not null check (status in ('draft', 'sent', 'signed')),
    signed_on       date,
    expires_on      date,
    url             text,
    file_path       text,
    content_sha256  char(64),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    version         integer not null default 0,
    primary key (organization_id, id),
    foreign key (organization_id, contract_id) references contracts (organization_id, id),
    check ((status = 'signed') = (signed_on is not null)),
    check (expires_on is null or signed_on is null or expires_on > signed_on),
    check (file_path is null or content_sha256 is not null)
);

alter table subscriptions
    add foreign key (organization_id, contract_id) references contracts (organization_id, id);

-- ---------------------------------------------------------------------------------------------
-- Academic verification
-- ---------------------------------------------------------------------------------------------
create table academic_verifications (
    organization_id   uuid not null references organizations (id),
    id                uuid not null default gen_random_uuid(),
    requester_email   text not null check (requester_email like '%_@_%'),
    institution       text,
    email_domain      text not null,
    method            text not null check (method in ('auto', 'manual', 'sheerid')),
    sheerid_reference text,
    evidence          jsonb not null default '{}',
    status            text not null check (status in ('pending', 'info_requested', 'approved', 'rejected')),
    submitted_at      timestamptz not null default now(),
    decided_at        timestamptz,
    decided_by        text,
    decision_reason   text,
    reverify_due      date,
    version           integer not null default 0,
    primary key (organization_id, id),
    check ((status in ('approved', 'rejected')) = (decided_at is not null))
);
create index academic_verifications_status on academic_verifications (status, submitted_at);

-- ---------------------------------------------------------------------------------------------
-- Invoices: the console's mirror of Stripe invoices
-- ---------------------------------------------------------------------------------------------
create table invoices (
    organization_id           uuid not null references organizations (id),
    id                        uuid not null default gen_random_uuid(),
    stripe_invoice_id         text,
    number                    text,
    kind                      text not null check (kind in ('subscription', 'overage', 'add_on', 'contract', 'one_off')),
    status                    text not null check (status in ('draft', 'open', 'paid', 'void', 'uncollectible')),
    currency                  char(3) not null,
    period_start              date,
    period_end                date,
    subtotal_minor            bigint not null default 0,
    discount_minor            bigint not null default 0 check (discount_minor >= 0),
    tax_minor                 bigint not null default 0 check (tax_minor >= 0),
    total_minor               bigint not null default 0,
    amount_paid_minor         bigint not null default 0 check (amount_paid_minor >= 0),
    days_until_due            integer check (days_until_due >= 0),
    due_date                  date,
    finalized_at              timestamptz,
    paid_at                   timestamptz,
    voided_at                 timestamptz,
    hosted_invoice_url        text,
    payment_method            text check (payment_method in ('card', 'ach', 'wire', 'check', 'other')),
    out_of_band_reference     text,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    version                   integer not null default 0,
    primary key (organization_id, id),
    unique (organization_id, stripe_invoice_id),
    unique (organization_id, number),
    check (total_minor = subtotal_minor - discount_minor + tax_minor),
    check (status <> 'paid' or paid_at is not null),
    check (status <> 'void' or voided_at is not null)
);
create index invoices_stripe_id on invoices (stripe_invoice_id);
create index invoices_status_due on invoices (status, due_date);

create table invoice_lines (
    organization_id     uuid not null,
    invoice_id          uuid not null,
    line_no             integer not null check (line_no > 0),
    kind                text not null check (kind in ('base_fee', 'add_on', 'overage', 'contract', 'adjustment', 'one_off')),
    description         text not null,
    metric              text references metrics (code),
    quantity            bigint not null default 1,
    unit_amount_minor   bigint,
    unit_amount_decimal numeric(24, 12),
    amount_minor        bigint not null,
    currency            char(3) not null,
    stripe_line_id      text,
    primary key (organization_id, invoice_id, line_no),
    foreign key (organization_id, invoice_id) references invoices (organization_id, id) on delete cascade
);

-- An invoice's subtotal always equals the sum of its lines, checked at commit so lines and header can
-- be written in any order within one transaction.
create function check_invoice_subtotal() returns trigger
    language plpgsql set search_path = billing, pg_temp as
$$
declare
    inv_org uuid := coalesce(new.organization_id, old.organization_id);
    inv_id  uuid;
    header  bigint;
    lines   bigint;
begin
    if tg_table_name = 'invoices' then
        inv_id := coalesce(new.id, old.id);
    else
        inv_id := coalesce(new.invoice_id, old.invoice_id);
    end if;
    select subtotal_minor into header from invoices where organization_id = inv_org and id = inv_id;
    if not found then
        return null; -- the invoice itself was deleted
    end if;
    select coalesce(sum(amount_minor), 0) into lines
    from invoice_lines where organization_id = inv_org and invoice_id = inv_id;
    if header <> lines then
        raise exception 'invoice % subtotal % does not equal the sum of its lines %', inv_id, header, lines
            using errcode = '23514';
    end if;
    return null;
end;
$$;
create constraint trigger invoices_subtotal_matches_lines
    after insert or update on invoices deferrable initially deferred
    for each row execute function check_invoice_subtotal();
create constraint trigger invoice_lines_sum_matches_subtotal
    after insert or update or delete on invoice_lines deferrable initially deferred
    for each row execute function check_invoice_subtotal();

-- ---------------------------------------------------------------------------------------------
-- Stripe events pulled back from /v1/events: logged first, deduplicated by event id, processed idempotently
-- ---------------------------------------------------------------------------------------------
create table stripe_events (
    id              bigint generated always as identity primary key,
    event_id        text not null unique,
    type            text not null,
    livemode        boolean not null default false,
    object_id       text,
    organization_id uuid,
    api_created_at  timestamptz not null,
    payload         jsonb not null,
    received_at     timestamptz not null default now(),
    status          text not null default 'pending' check (status in ('pending', 'processed', 'failed', 'ignored')),
    attempts        integer not null default 0,
    processed_at    timestamptz,
    error           text
);
create index stripe_events_status on stripe_events (status, api_created_at);

-- ---------------------------------------------------------------------------------------------
-- Audit log: written only by the audit trigger (security definer); staff roles can read it, nobody writes it
-- ---------------------------------------------------------------------------------------------
create table audit_log (
    id                bigint generated always as identity primary key,
    at                timestamptz not null default clock_timestamp(),
    db_user           text not null default session_user,
    app_user          text,
    table_name        text not null,
    operation         text not null,
    organization_id   uuid,
    row_key           jsonb,
    old_row           jsonb,
    new_row           jsonb,
    reason            text,
    stripe_request_id text
);
create index audit_log_at on audit_log (at);
create index audit_log_table on audit_log (table_name, at);
create index audit_log_org on audit_log (organization_id, at);

-- The trigger's arguments name the key columns. Reason, app user and Stripe request id come from
-- transaction-local settings the console sets (console.reason, console.app_user, console.stripe_request_id).
create function audit_row() returns trigger
    language plpgsql security definer set search_path = billing, pg_temp as
$$
declare
    old_j jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
    new_j jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
    row_j jsonb := coalesce(new_j, old_j);
    key_j jsonb := '{}';
    k     text;
begin
    if tg_op = 'UPDATE' and old_j = new_j then
        return null; -- nothing changed
    end if;
    foreach k in array tg_argv loop
        key_j := key_j || jsonb_build_object(k, row_j -> k);
    end loop;
    insert into audit_log (db_user, app_user, table_name, operation, organization_id, row_key, old_row, new_row,
                           reason, stripe_request_id)
    values (session_user,
            nullif(current_setting('console.app_user', true), ''),
            tg_table_name, tg_op,
            case when tg_table_name = 'organizations' then (row_j ->> 'id')::uuid
                 else (row_j ->> 'organization_id')::uuid end,
            key_j, old_j, new_j,
            nullif(current_setting('console.reason', true), ''),
            nullif(current_setting('console.stripe_request_id', true), ''));
    return null;
end;
$$;

create trigger audit after insert or update or delete on organizations
    for each row execute function audit_row('id');
create trigger audit after insert or update or delete on catalog_versions
    for each row execute function audit_row('id');
create trigger audit after insert or update or delete on plans
    for each row execute function audit_row('id');
create trigger audit after insert or update or delete on plan_quotas
    for each row execute function audit_row('plan_id', 'code');
create trigger audit after insert or update or delete on add_ons
    for each row execute function audit_row('id');
create trigger audit after insert or update or delete on metered_prices
    for each row execute function audit_row('id');
create trigger audit after insert or update or delete on subscriptions
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on subscription_items
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on subscription_add_ons
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on entitlements
    for each row execute function audit_row('organization_id', 'resource');
create trigger audit after insert or update or delete on usage_adjustments
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on contracts
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on contract_documents
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on academic_verifications
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on invoices
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on invoice_lines
    for each row execute function audit_row('organization_id', 'invoice_id', 'line_no');
create trigger audit after insert or update or delete on stripe_events
    for each row execute function audit_row('event_id');
create trigger audit after insert or update or delete on console_meta
    for each row execute function audit_row('key');

-- ---------------------------------------------------------------------------------------------
-- Roles and grants: the database is the security boundary; the console only adapts its UI to them.
-- Group roles are cluster-wide, so they are created only if missing.
-- ---------------------------------------------------------------------------------------------
do
$$
declare
    r text;
begin
    foreach r in array array ['billing_readonly', 'billing_support', 'billing_sales', 'billing_finance', 'billing_admin'] loop
        if not exists (select 1 from pg_roles where rolname = r) then
            execute format('create role %I nologin', r);
        end if;
    end loop;
end;
$$;

grant billing_readonly to billing_support, billing_sales, billing_finance, billing_admin;

grant usage on schema billing to billing_readonly;
grant select on all tables in schema billing to billing_readonly;
revoke all on function audit_row() from public;
revoke all on function ensure_usage_partition(date) from public;

-- support: academic verifications, and the academic fields of an organization and its plan on approval
grant insert, update on academic_verifications to billing_support;
grant update (is_academic, academic_verified_at, academic_domain, updated_at, version) on organizations to billing_support;
grant update (plan_id, updated_at, version) on subscriptions to billing_support;

-- sales: contracts, subscriptions, entitlements, new organizations
grant insert, update on contracts, contract_documents, subscriptions, subscription_items, subscription_add_ons, entitlements to billing_sales;
grant delete on contract_documents, subscription_add_ons to billing_sales;
grant insert on organizations to billing_sales;
grant update (name, billing_email, domain, country, is_enterprise, handles_health_data, byo_llm, updated_at, version) on organizations to billing_sales;

-- finance: invoices and their lines, usage adjustments, Stripe customers and events
grant insert, update on invoices, invoice_lines, stripe_events to billing_finance;
grant delete on invoice_lines to billing_finance;
grant insert on usage_adjustments to billing_finance;
grant update (stripe_customer_id, updated_at, version) on organizations to billing_finance;

-- admin: the catalog and everything else (never the audit log, which only the trigger writes)
grant insert, update, delete on all tables in schema billing to billing_admin;
revoke insert, update, delete, truncate on audit_log from billing_admin;
grant execute on function ensure_usage_partition(date) to billing_admin;

-- reference data everyone reads
insert into metrics (code, name, unit, aggregation) values
    ('events', 'Events', 'event', 'sum'),
    ('ai_tokens', 'AI tokens', 'token', 'sum'),
    ('storage_gb', 'Storage', 'GB', 'average');
insert into resources (code, name) values
    ('instruments', 'Instruments'),
    ('seats', 'Seats'),
    ('sites', 'Sites'),
    ('agents', 'Edge agents');
