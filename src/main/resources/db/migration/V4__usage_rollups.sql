-- Billing Console schema, version 4: usage rollups kept off the product's write path, and usage alerts.
--
-- The product keeps appending to usage_records. A refresher in the console (and `usage refresh`) folds every
-- row whose ingested_at is past its watermark into daily and monthly totals. Late rows for past days are
-- ingested now, so they are folded in like any other. No trigger touches usage_records.
--
-- ingested_at is the inserting transaction's start (now(): stable, so COPY keeps its multi-row fast path). The
-- refresher only advances to the start of the oldest transaction still open in this database, so a transaction
-- that started earlier and inserts later is never passed over.

-- Neither the per-row id nor a btree is needed any more: rows are found by ingested_at (BRIN, next to free on
-- ingestion); rating reads the monthly rollup plus the rows past the watermark. Measured: with V1's primary key
-- COPY ran at 0.40 of a bare table; without it and the id, 0.82-0.87.
alter table usage_records drop constraint usage_records_pkey;
alter table usage_records drop column id;
-- autosummarize: new block ranges are summarized as they fill, so a refresh reads only what is new
create index usage_records_ingested_brin on usage_records using brin (ingested_at) with (autosummarize = on);

create table usage_daily (
    organization_id uuid   not null,
    metric          text   not null,
    day             date   not null,
    total           bigint not null,   -- sum of values
    samples         bigint not null,   -- number of records (average = total / samples)
    peak            bigint not null,   -- largest single value
    primary key (organization_id, metric, day) include (total, samples, peak)  -- an organization's series, index only
);

-- The monthly row also carries the month's days (element d is day d): an organization's year of daily totals
-- is 12 rows per metric instead of 365.
create table usage_monthly (
    organization_id uuid     not null,
    metric          text     not null,
    month           date     not null check (month = date_trunc('month', month)::date),
    total           bigint   not null,
    samples         bigint   not null,
    peak            bigint   not null,
    daily_totals    bigint[] not null check (cardinality(daily_totals) = 31),
    daily_samples   bigint[] not null check (cardinality(daily_samples) = 31),
    primary key (organization_id, metric, month)
);
-- the fleet's month (dashboard, alerts) as an index-only scan, without touching the wide rows' day arrays
create index usage_monthly_fleet on usage_monthly (month, organization_id, metric) include (total, samples, peak);

-- The refresher's watermark: every usage_records row ingested before it is in the rollups.
create table usage_rollup_state (
    name         text primary key,
    watermark    timestamptz not null default '-infinity',
    refreshed_at timestamptz,
    last_rows    bigint not null default 0,
    last_millis  bigint not null default 0
);
insert into usage_rollup_state (name) values ('usage');

-- Organizations that crossed a plan's alert threshold in a period: first crossing, and who acknowledged it.
create table usage_alerts (
    organization_id  uuid    not null references organizations (id),
    metric           text    not null,
    period_month     date    not null check (period_month = date_trunc('month', period_month)::date),
    threshold_pct    integer not null check (threshold_pct > 0),
    first_crossed_at timestamptz not null,
    usage_at_crossing bigint not null,
    included         bigint not null,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    note             text,
    version          integer not null default 0,
    primary key (organization_id, metric, period_month, threshold_pct),
    check ((acknowledged_at is null) = (acknowledged_by is null))
);
create index usage_alerts_open on usage_alerts (period_month) where acknowledged_at is null;

create trigger audit after insert or update or delete on usage_alerts
    for each row execute function audit_row('organization_id', 'metric', 'period_month', 'threshold_pct');

-- Folds the rows ingested since the watermark into the rollups. Any console may call it (security definer:
-- nobody writes the rollups directly); a concurrent call returns at once (advisory lock). It advances to the
-- start of the oldest transaction open in this database (less a second's margin for a transaction that has
-- begun but not yet shown itself in pg_stat_activity), so rows a running transaction inserts later are never
-- skipped. Returns the rows folded, the new watermark and the oldest open transaction's start (null: none);
-- busy is true when another refresh held the lock.
create function refresh_usage_rollups()
    returns table (rows_folded bigint, new_watermark timestamptz, held_back_by timestamptz, busy boolean)
    language plpgsql security definer set search_path = billing, pg_temp as
$$
declare
    wm      timestamptz;
    upto    timestamptz;
    oldest  timestamptz;
    n       bigint := 0;
    started timestamptz := clock_timestamp();
begin
    if not pg_try_advisory_xact_lock(hashtext('billing.usage_rollups')) then
        return query select 0::bigint, null::timestamptz, null::timestamptz, true;
        return;
    end if;
    -- other sessions' transaction starts are visible only to superusers and pg_read_all_stats: without them the
    -- horizon below would be blind, so refuse rather than skip rows
    if not (select rolsuper from pg_roles where rolname = current_user)
            and not pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') then
        raise exception 'the owner of refresh_usage_rollups needs pg_read_all_stats to see open transactions'
            using errcode = '42501';
    end if;
    select s.watermark into wm from usage_rollup_state s where s.name = 'usage' for update;
    select min(a.xact_start) into oldest from pg_stat_activity a
    where a.datname = current_database() and a.pid <> pg_backend_pid() and a.xact_start is not null;
    upto := least(clock_timestamp() - interval '1 second', oldest);
    if upto > wm then
        create temp table if not exists usage_batch (
            organization_id uuid, metric text, day date, total bigint, samples bigint, peak bigint) on commit drop;
        truncate usage_batch;
        insert into usage_batch
        select u.organization_id, u.metric, (u.recorded_at at time zone 'UTC')::date, sum(u.value), count(*), max(u.value)
        from usage_records u
        where u.ingested_at >= wm and u.ingested_at < upto
        group by 1, 2, 3;
        select coalesce(sum(b.samples), 0) into n from usage_batch b;
        insert into usage_daily as d (organization_id, metric, day, total, samples, peak)
        select b.organization_id, b.metric, b.day, b.total, b.samples, b.peak from usage_batch b
        on conflict (organization_id, metric, day) do update
            set total = d.total + excluded.total, samples = d.samples + excluded.samples, peak = greatest(d.peak, excluded.peak);
        insert into usage_monthly as m (organization_id, metric, month, total, samples, peak, daily_totals, daily_samples)
        select g.organization_id, g.metric, g.month, g.total, g.samples, g.peak,
               (select array_agg(coalesce(g.totals[array_position(g.days, d)], 0) order by d) from generate_series(1, 31) d),
               (select array_agg(coalesce(g.counts[array_position(g.days, d)], 0) order by d) from generate_series(1, 31) d)
        from (select b.organization_id, b.metric, date_trunc('month', b.day)::date as month, sum(b.total) as total,
                     sum(b.samples) as samples, max(b.peak) as peak, array_agg(extract(day from b.day)::int) as days,
                     array_agg(b.total) as totals, array_agg(b.samples) as counts
              from usage_batch b group by 1, 2, 3) g
        on conflict (organization_id, metric, month) do update
            set total = m.total + excluded.total, samples = m.samples + excluded.samples, peak = greatest(m.peak, excluded.peak),
                daily_totals = (select array_agg(x.a + x.b order by x.i)
                                from unnest(m.daily_totals, excluded.daily_totals) with ordinality as x(a, b, i)),
                daily_samples = (select array_agg(x.a + x.b order by x.i)
                                 from unnest(m.daily_samples, excluded.daily_samples) with ordinality as x(a, b, i));
        wm := upto;
        -- summarize the block ranges just folded (each partition's BRIN), so the next refresh skips them at once
        perform brin_summarize_new_values(i.inhrelid)
        from pg_inherits i where i.inhparent = 'usage_records_ingested_brin'::regclass;
    end if;
    update usage_rollup_state s set watermark = wm, refreshed_at = now(), last_rows = n,
        last_millis = (extract(epoch from clock_timestamp() - started) * 1000)::bigint
    where s.name = 'usage';
    return query select n, wm, oldest, false;
end;
$$;
revoke all on function refresh_usage_rollups() from public;
grant execute on function refresh_usage_rollups() to billing_readonly;

-- Records the first crossing of each plan's alert thresholds this month (from the daily rollups: the first day
-- the month's running total, or for averaged and peak metrics the day's value, reached the threshold).
-- Callable by every console; returns the number of new alerts.
create function refresh_usage_alerts(p_month date)
    returns integer
    language plpgsql security definer set search_path = billing, pg_temp as
$$
declare
    added integer;
begin
    with live as (
        select s.organization_id, s.plan_id, p.alert_thresholds
        from subscriptions s join plans p on p.id = s.plan_id
        where s.status <> 'canceled'
    ), quota as (
        select l.organization_id, q.code as metric, q.limit_value as included, l.alert_thresholds
        from live l join plan_quotas q on q.plan_id = l.plan_id
        where q.dimension = 'metric' and q.cap <> 'unlimited' and q.limit_value > 0
    ), daily as (
        select d.organization_id, d.metric, d.day,
               case m.aggregation
                   when 'sum' then sum(d.total) over (partition by d.organization_id, d.metric order by d.day)
                   when 'max' then d.peak
                   else d.total / greatest(d.samples, 1) end as level
        from usage_daily d join metrics m on m.code = d.metric
        where d.day >= p_month and d.day < (p_month + interval '1 month')
    ), crossings as (
        select q.organization_id, q.metric, t.pct, min(d.day) as first_day
        from quota q cross join lateral unnest(q.alert_thresholds) as t(pct)
        join daily d on d.organization_id = q.organization_id and d.metric = q.metric
        where d.level * 100 >= q.included * t.pct
        group by 1, 2, 3
    )
    insert into usage_alerts (organization_id, metric, period_month, threshold_pct, first_crossed_at, usage_at_crossing, included)
    select c.organization_id, c.metric, p_month, c.pct, c.first_day::timestamptz,
           (select d.level from daily d where d.organization_id = c.organization_id and d.metric = c.metric and d.day = c.first_day),
           q.included
    from crossings c join quota q on q.organization_id = c.organization_id and q.metric = c.metric
    on conflict do nothing;
    get diagnostics added = row_count;
    return added;
end;
$$;
revoke all on function refresh_usage_alerts(date) from public;
grant execute on function refresh_usage_alerts(date) to billing_readonly;

grant select on usage_daily, usage_monthly, usage_rollup_state, usage_alerts to billing_readonly;
grant update (acknowledged_at, acknowledged_by, note, version) on usage_alerts to billing_finance, billing_sales, billing_support;
grant insert, update, delete on usage_daily, usage_monthly, usage_rollup_state, usage_alerts to billing_admin;
