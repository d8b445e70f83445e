-- Issue 19, item 2: prepaid credits as an append-only ledger per organization.
--
-- A grant (purchased: never expires; subscription: one period's allocation, expiring at the period's end;
-- promotional: with an expiry) or an adjustment up opens a lot. Consumption, expiry and adjustments down each draw
-- from one lot. Balances are sums of entries and are stored nowhere else. Rows are never updated or deleted; a
-- mistake is corrected by another entry. The database refuses a draw that would take a lot below zero, a draw from a
-- lot that has expired, and an expiry before its time, whoever writes it.

create table credit_settings (
    id                    boolean primary key default true check (id),
    precedence            text    not null default 'purchased_first' check (precedence in ('purchased_first', 'expiring_first')),
    low_balance_threshold bigint  not null default 1000 check (low_balance_threshold >= 0),
    version               integer not null default 0,
    updated_at            timestamptz not null default now()
);
insert into credit_settings default values;
comment on table credit_settings is 'which credits are consumed first, and the balance below which an organization is low';

-- What consumes credits: usage of a metric, at a cost per number of units (seed 004's credit events).
create table credit_events (
    metric    text    primary key references metrics (code),
    credits   bigint  not null check (credits > 0),
    per_units bigint  not null check (per_units > 0),
    active    boolean not null default true
);
insert into credit_events (metric, credits, per_units) values
    ('events', 1, 1000),        -- a credit per thousand events
    ('ai_tokens', 25, 1000000), -- 25 credits per million tokens (seed 004's AI inference cost)
    ('storage_gb', 10, 1);      -- 10 credits per GB-month (seed 004's storage cost)

-- Credits sold on their own: a block of credits at a price.
create table credit_products (
    code        text    primary key check (code ~ '^[a-z0-9][a-z0-9-]*$'),
    name        text    not null check (length(btrim(name)) > 0),
    credits     bigint  not null check (credits > 0),
    price_minor bigint  not null check (price_minor >= 0),
    currency    char(3) not null default 'USD',
    active      boolean not null default true
);
insert into credit_products (code, name, credits, price_minor) values
    ('credits-10k', '10,000 credits', 10000, 10000),
    ('credits-50k', '50,000 credits', 50000, 45000),
    ('credits-250k', '250,000 credits', 250000, 200000);

create table credit_ledger (
    organization_id uuid        not null references organizations (id),
    id              uuid        not null default gen_random_uuid(),
    entry           text        not null check (entry in ('grant', 'consumption', 'expiry', 'adjustment')),
    lot_id          uuid        not null,
    bucket          text        not null check (bucket in ('purchased', 'subscription', 'promotional')),
    credits         bigint      not null check (credits <> 0),
    effective_at    timestamptz not null,  -- the console's clock: when the entry counts
    expires_at      timestamptz,           -- a lot's expiry
    period_month    date check (period_month = date_trunc('month', period_month)::date),
    product_code    text references credit_products (code),
    source_key      text,                  -- what wrote it, once: 'allocation:2026-11', 'consumption:2026-11', 'expiry'
    reason          text        not null check (length(btrim(reason)) > 0),
    created_by      text        not null default session_user,
    created_at      timestamptz not null default now(),
    primary key (organization_id, id),
    foreign key (organization_id, lot_id) references credit_ledger (organization_id, id),
    -- a grant or an adjustment up opens a lot (it is its own lot); everything else draws from one
    check ((lot_id = id) = (entry = 'grant' or (entry = 'adjustment' and credits > 0))),
    check (entry <> 'grant' or credits > 0),
    check (entry not in ('consumption', 'expiry') or credits < 0),
    check (lot_id <> id or ((bucket = 'purchased') = (expires_at is null))),
    check (lot_id = id or expires_at is null),
    check (bucket <> 'subscription' or lot_id <> id or period_month is not null),
    check (entry <> 'consumption' or period_month is not null)
);
create index credit_ledger_lot on credit_ledger (organization_id, lot_id);
create index credit_ledger_org_time on credit_ledger (organization_id, effective_at);
-- each source writes once: one allocation per period, one consumption per period and lot, one expiry per lot
create unique index credit_ledger_once_open on credit_ledger (organization_id, source_key) where source_key is not null and lot_id = id;
create unique index credit_ledger_once_draw on credit_ledger (organization_id, source_key, lot_id) where source_key is not null and lot_id <> id;

create function credit_ledger_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'the credit ledger is append-only: correct an entry with another entry'
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger credit_ledger_append_only before update or delete on credit_ledger
    for each row execute function credit_ledger_append_only();
-- (no role but the owner may truncate a table; the demo loader's --replace empties it with everything else)

-- A draw names a lot of the same organization and kind, takes no more than is left, and only while the lot is
-- spendable; an expiry comes at or after the lot's expiry. The lot's opening row is locked, so two draws from one lot
-- are decided one after the other.
create function credit_ledger_draw_check() returns trigger
    language plpgsql security definer set search_path = billing, pg_temp as
$$
declare
    lot  credit_ledger%rowtype;
    remaining bigint;
begin
    if new.lot_id = new.id then
        return new;
    end if;
    select * into lot from credit_ledger where organization_id = new.organization_id and id = new.lot_id for update;
    if not found or lot.lot_id <> lot.id then
        raise check_violation using message = 'a credit entry must draw from a grant of the same organization';
    end if;
    if lot.bucket <> new.bucket then
        raise check_violation using message = format('the lot holds %s credits, not %s', lot.bucket, new.bucket);
    end if;
    if new.effective_at < lot.effective_at then
        raise check_violation using message = 'a draw cannot come before the grant it draws from';
    end if;
    if new.entry = 'expiry' then
        if lot.expires_at is null or new.effective_at < lot.expires_at then
            raise check_violation using message = 'these credits have not expired';
        end if;
    elsif lot.expires_at is not null and new.effective_at >= lot.expires_at then
        raise check_violation using message = format('these %s credits expired at %s', lot.bucket, lot.expires_at);
    end if;
    select coalesce(sum(credits), 0) into remaining from credit_ledger where organization_id = new.organization_id and lot_id = new.lot_id;
    if remaining + new.credits < 0 then
        raise check_violation using message = format('the lot has %s credits left; it cannot give %s', remaining, -new.credits);
    end if;
    return new;
end;
$$;
revoke all on function credit_ledger_draw_check() from public;
create trigger credit_ledger_draw_check before insert on credit_ledger
    for each row execute function credit_ledger_draw_check();

create trigger audit after insert or update or delete on credit_ledger
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on credit_settings
    for each row execute function audit_row('id');
create trigger audit after insert or update or delete on credit_events
    for each row execute function audit_row('metric');
create trigger audit after insert or update or delete on credit_products
    for each row execute function audit_row('code');

grant select on credit_settings, credit_events, credit_products, credit_ledger to billing_readonly;
-- finance grants, sells, settles and adjusts credits; nobody updates or deletes a ledger row
grant insert on credit_ledger to billing_finance, billing_admin;
-- the admin sets what consumes credits, what is sold, and the precedence
grant insert, update on credit_events, credit_products to billing_admin;
grant update (precedence, low_balance_threshold, version, updated_at) on credit_settings to billing_admin;
