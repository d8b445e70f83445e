-- A published catalog version is immutable for every role, admin included (issue 16, item 4). V3's trigger looked
-- only at the row a change produces, so an admin could move a plan out of a published version into the draft, or
-- unpublish a version, change its prices and publish it again. Now:
--   * a plan, add-on, quota or metered price is judged by the version it belongs to before the change (update,
--     delete) and the one it belongs to after (insert, update): both must be drafts;
--   * a version that is no longer a draft never becomes one again, keeps its number, effective date and publication,
--     and is never deleted; it may only retire, record its Stripe sync and bump its row version.

create or replace function refuse_published_catalog_change() returns trigger
    language plpgsql set search_path = billing, pg_temp as
$$
declare
    rows_j     jsonb[];
    row_j      jsonb;
    version_id bigint;
    st         text;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        rows_j := array_append(rows_j, to_jsonb(old));
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        rows_j := array_append(rows_j, to_jsonb(new));
    end if;
    foreach row_j in array rows_j loop
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
    end loop;
    return coalesce(new, old);
end;
$$;

create function refuse_unpublishing_catalog_version() returns trigger
    language plpgsql set search_path = billing, pg_temp as
$$
begin
    if old.status = 'draft' then
        return coalesce(new, old);
    end if;
    if tg_op = 'DELETE' then
        raise exception 'catalog version % is % and cannot be deleted', old.id, old.status using errcode = '55000';
    end if;
    if new.status = 'draft' or (old.status = 'retired' and new.status <> 'retired')
            or new.version_no is distinct from old.version_no
            or new.effective_from is distinct from old.effective_from
            or new.published_at is distinct from old.published_at
            or new.published_by is distinct from old.published_by then
        raise exception 'catalog version % is % and cannot change back or be re-dated; edit it to make a new draft', old.id, old.status
            using errcode = '55000';
    end if;
    return new;
end;
$$;
create trigger published_version_stays_published before update or delete on catalog_versions
    for each row execute function refuse_unpublishing_catalog_version();
