-- One definition of monthly recurring revenue and of billing interval (issue 16, item 8), read by the organization
-- list, the dashboard and the command line alike. Per live subscription:
--   * an enterprise organization on an active contract: the contract's annual value / 12 (rounded half up to the
--     minor unit), and its interval is the contract's billing schedule (month, quarter or year), not the
--     subscription's;
--   * otherwise the plan's monthly price, or its annual price / 12 (rounded half up), times the seats for a per-seat
--     plan (at least its minimum), plus active add-ons at their monthly price;
--   * a trial counts as zero. Canceled subscriptions are not in the view.
create view organization_mrr as
select s.organization_id,
       s.id as subscription_id,
       case when c.id is not null then case c.billing_schedule when 'monthly' then 'month'
                                                              when 'quarterly' then 'quarter'
                                                              else 'year' end
            else s.billing_interval end as billing_interval,
       case when s.status = 'trialing' then 0
            when c.id is not null then (c.annual_value_minor + 6) / 12
            else (case when s.billing_interval = 'year' then (coalesce(p.annual_price_minor, 0) * seat.n + 6) / 12
                       else coalesce(p.monthly_price_minor, 0) * seat.n end)
                 + coalesce((select sum(a.monthly_price_minor * sa.quantity)
                             from subscription_add_ons sa
                             join add_ons a on a.code = sa.add_on_code and a.catalog_version_id = p.catalog_version_id
                             where sa.organization_id = s.organization_id and sa.subscription_id = s.id and sa.active), 0)
       end as mrr_minor,
       p.currency
from subscriptions s
join plans p on p.id = s.plan_id
left join contracts c on c.organization_id = s.organization_id and c.id = s.contract_id and c.status = 'active'
cross join lateral (select case when p.billing_model = 'per_seat'
                                then greatest(coalesce(s.seats, 0), coalesce(p.min_seats, 1)) else 1 end as n) seat
where s.status <> 'canceled';

grant select on organization_mrr to billing_readonly;
