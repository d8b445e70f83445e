-- Billing Console schema, version 3: the plan catalog's versions, scheduled plan moves, and how the catalog
-- maps to Stripe products and prices.

-- A metric may also be billed on its peak in the period (seats in use), besides its sum or daily average.
alter table metrics drop constraint metrics_aggregation_check;
alter table metrics add constraint metrics_aggregation_check check (aggregation in ('sum', 'average', 'max'));

-- Versions: which version a draft was made from, who made it, and when its Stripe products and prices were
-- all in place (null until then; publishing again resumes).
alter table catalog_versions
    add column based_on_id      bigint references catalog_versions (id),
    add column created_by       text not null default session_user,
    add column stripe_synced_at timestamptz;

-- A subscription whose plan changed price in a newer version either stays (grandfathered) or moves to the new
-- version's plan at its next renewal: pending_plan_id holds that decision until the renewal applies it.
alter table subscriptions
    add column pending_plan_id bigint references plans (id);
create index subscriptions_pending on subscriptions (pending_plan_id) where pending_plan_id is not null;

-- The Stripe product of each plan and add-on code, shared by every catalog version.
create table catalog_stripe_products (
    item_kind         text not null check (item_kind in ('plan', 'add_on')),
    item_code         text not null,
    stripe_product_id text not null unique,
    created_at        timestamptz not null default now(),
    primary key (item_kind, item_code)
);

-- The Stripe price of each priced item of a published version. A row is written right after its Stripe call
-- succeeded, so a publish that stopped part-way resumes from the first missing row. "linked" reuses the
-- previous version's price (same amount); "created" made a new one, moved the lookup key to it and archives
-- the price it replaced (replaced_archived_at is set once that is done).
create table catalog_stripe_prices (
    catalog_version_id   bigint not null references catalog_versions (id),
    item_kind            text not null check (item_kind in ('plan', 'add_on')),
    item_code            text not null,
    billing_interval     text not null check (billing_interval in ('month', 'year')),
    currency             char(3) not null,
    amount_minor         bigint not null check (amount_minor >= 0),
    lookup_key           text not null,
    stripe_price_id      text not null,
    origin               text not null check (origin in ('created', 'linked')),
    replaced_price_id    text,
    replaced_archived_at timestamptz,
    created_at           timestamptz not null default now(),
    primary key (catalog_version_id, item_kind, item_code, billing_interval)
);
create index catalog_stripe_prices_price on catalog_stripe_prices (stripe_price_id);

create trigger audit after insert or update or delete on catalog_stripe_products
    for each row execute function audit_row('item_kind', 'item_code');
create trigger audit after insert or update or delete on catalog_stripe_prices
    for each row execute function audit_row('catalog_version_id', 'item_kind', 'item_code', 'billing_interval');
create trigger audit after insert or update or delete on metrics
    for each row execute function audit_row('code');
create trigger audit after insert or update or delete on resources
    for each row execute function audit_row('code');

grant select on catalog_stripe_products, catalog_stripe_prices to billing_readonly;
grant insert, update, delete on catalog_stripe_products, catalog_stripe_prices to billing_admin;

-- Order, so the catalog reads back (and exports) in the order an admin wrote it.
alter table metrics add column position integer not null default 0;
alter table resources add column position integer not null default 0;
alter table plan_quotas add column position integer not null default 0;
alter table metered_prices add column position integer not null default 0;
update metrics set position = case code when 'events' then 1 when 'ai_tokens' then 2 when 'storage_gb' then 3 else 100 end;
update resources set position = case code when 'instruments' then 1 when 'seats' then 2 when 'sites' then 3 when 'agents' then 4 else 100 end;

-- One draft at a time: two admins editing two drafts would each publish over the other's work.
create unique index catalog_versions_one_draft on catalog_versions ((true)) where status = 'draft';

-- A published version is immutable: its plans, quotas, prices and add-ons refuse every change. Editing makes a
-- new draft version instead.
create function refuse_published_catalog_change() returns trigger
    language plpgsql set search_path = billing, pg_temp as
$$
declare
    row_j      jsonb := to_jsonb(coalesce(new, old));
    version_id bigint;
    st         text;
begin
    if tg_table_name in ('plans', 'add_ons') then
        version_id := (row_j ->> 'catalog_version_id')::bigint;
    else
        select p.catalog_version_id into version_id from plans p where p.id = (row_j ->> 'plan_id')::bigint;
    end if;
    select status into st from catalog_versions where id = version_id;
    if st is not null and st <> 'draft' then
        raise exception 'catalog version % is % and cannot change; edit it to make a new draft', version_id, st
            using errcode = '55000';
    end if;
    return coalesce(new, old);
end;
$$;
create trigger published_is_immutable before insert or update or delete on plans
    for each row execute function refuse_published_catalog_change();
create trigger published_is_immutable before insert or update or delete on add_ons
    for each row execute function refuse_published_catalog_change();
create trigger published_is_immutable before insert or update or delete on plan_quotas
    for each row execute function refuse_published_catalog_change();
create trigger published_is_immutable before insert or update or delete on metered_prices
    for each row execute function refuse_published_catalog_change();
