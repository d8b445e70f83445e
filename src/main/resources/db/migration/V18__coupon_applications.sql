-- Billing Console schema, version 18: coupons applied by staff to an organization's subscription or to one invoice.
--
-- An application is the console's redemption of one of its coupons for one organization: on the subscription from a
-- month for as long as the coupon lasts (once: that month; repeating: its months; forever: until removed), or on the
-- invoice of one month. The rating of each month it covers carries the discount as a line, after the plan's own
-- discounts and prepaid credits and before a commitment's true-up, and never below zero. Removing an application
-- stops it for months not yet drafted; it is never deleted.
create table coupon_applications (
    organization_id uuid        not null references organizations (id),
    id              uuid        not null default gen_random_uuid(),
    coupon_id       uuid        not null references coupons (id),
    scope           text        not null check (scope in ('subscription', 'invoice')),
    first_month     date        not null check (first_month = date_trunc('month', first_month)::date),
    months          integer check (months between 1 and 36),  -- null: every month until removed
    reason          text        not null check (length(btrim(reason)) > 0),
    applied_by      text        not null default session_user,
    applied_at      timestamptz not null default now(),
    removed_at      timestamptz,
    removed_by      text,
    removed_reason  text,
    version         integer     not null default 0,
    primary key (organization_id, id),
    check (scope = 'subscription' or months = 1),
    check ((removed_at is null) = (removed_by is null) and (removed_at is null) = (removed_reason is null))
);
-- one coupon at a time on a subscription (applying another one ends it), one per invoice month
create unique index coupon_applications_one_on_subscription on coupon_applications (organization_id)
    where removed_at is null and scope = 'subscription';
create unique index coupon_applications_one_per_invoice on coupon_applications (organization_id, first_month)
    where removed_at is null and scope = 'invoice';
create index coupon_applications_coupon on coupon_applications (coupon_id);

-- what an application says never changes; it can only be removed, once
create function coupon_application_frozen() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        raise exception 'a coupon application is never deleted: remove it instead' using errcode = 'insufficient_privilege';
    end if;
    if (new.organization_id, new.coupon_id, new.scope, new.first_month, new.months, new.reason, new.applied_by, new.applied_at)
           is distinct from (old.organization_id, old.coupon_id, old.scope, old.first_month, old.months, old.reason, old.applied_by,
                             old.applied_at)
       or old.removed_at is not null then
        raise exception 'a coupon application only changes by being removed, once' using errcode = 'check_violation';
    end if;
    return new;
end;
$$;
create trigger coupon_application_frozen before update or delete on coupon_applications
    for each row execute function coupon_application_frozen();

create trigger audit after insert or update or delete on coupon_applications
    for each row execute function audit_row('organization_id', 'id');

grant select on coupon_applications to billing_readonly;
grant insert, update on coupon_applications to billing_finance, billing_admin;
