-- Billing Console schema, version 17: the coupons and promotion codes the console creates in Stripe.
--
-- Stripe holds the coupon; the console keeps its own record of each one it created, so the idempotency key derives
-- from the console's id (bc.coupon.<id>:create), every change is audited with its reason, and an archived coupon is
-- known to have been archived by whom. The academic discount stays in the plan catalog (a plan of its own).
create table coupons (
    id               uuid primary key default gen_random_uuid(),
    stripe_coupon_id text        not null unique check (stripe_coupon_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    name             text        not null check (length(btrim(name)) > 0),
    percent_off      numeric(5, 2) check (percent_off > 0 and percent_off <= 100),
    amount_off_minor bigint check (amount_off_minor > 0),
    currency         char(3),
    duration         text        not null check (duration in ('once', 'repeating', 'forever')),
    duration_months  integer check (duration_months between 1 and 36),
    redeem_by        timestamptz,
    max_redemptions  integer check (max_redemptions > 0),
    created_by       text        not null default session_user,
    created_at       timestamptz not null default now(),
    archived_at      timestamptz,
    archived_by      text,
    version          integer     not null default 0,
    check ((percent_off is null) <> (amount_off_minor is null)),
    check (amount_off_minor is null or currency is not null),
    check ((duration = 'repeating') = (duration_months is not null))
);

create table promotion_codes (
    id                       uuid primary key default gen_random_uuid(),
    coupon_id                uuid        not null references coupons (id),
    code                     text        not null check (code ~ '^[A-Za-z0-9_-]{3,50}$'),
    stripe_promotion_code_id text unique,
    active                   boolean     not null default true,
    expires_at               timestamptz,
    max_redemptions          integer check (max_redemptions > 0),
    created_by               text        not null default session_user,
    created_at               timestamptz not null default now(),
    version                  integer     not null default 0
);
-- a code is unique, whatever its case, among active codes (as in Stripe)
create unique index promotion_codes_active_code on promotion_codes (upper(code)) where active;

create trigger audit after insert or update or delete on coupons
    for each row execute function audit_row('id');
create trigger audit after insert or update or delete on promotion_codes
    for each row execute function audit_row('id');

grant select on coupons, promotion_codes to billing_readonly;
grant insert, update on coupons, promotion_codes to billing_finance, billing_admin;
