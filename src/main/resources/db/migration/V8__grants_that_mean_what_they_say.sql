-- Grants that mean what the README says (issue 16, items 3, 8, 9, 10 and 14). Each rule is tried directly in SQL,
-- as each login, by RoleMatrixTest.

-- ---------------------------------------------------------------------------------------------
-- The audit log's person is the login (session_user). console.app_user was a setting any login could set to any
-- name, so it is no longer read: an entry's app_user stays empty from now on.
-- ---------------------------------------------------------------------------------------------
create or replace function audit_row() returns trigger
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
    values (session_user, null, tg_table_name, tg_op,
            case when tg_table_name = 'organizations' then (row_j ->> 'id')::uuid
                 else (row_j ->> 'organization_id')::uuid end,
            key_j, old_j, new_j,
            nullif(current_setting('console.reason', true), ''),
            nullif(current_setting('console.stripe_request_id', true), ''));
    return null;
end;
$$;
revoke all on function audit_row() from public;

-- ---------------------------------------------------------------------------------------------
-- Invoices: nobody deletes one, and an invoice becomes void only through void_invoice(), which records the void in
-- invoice_voids (who, when, why, and the Stripe request or event that did it). No role may write invoice_voids
-- directly, so the trigger below can tell the console's void path from a hand-typed update.
-- A draft that never reached Stripe is discarded through discard_invoice_draft().
-- ---------------------------------------------------------------------------------------------
create table invoice_voids (
    organization_id uuid not null,
    invoice_id      uuid not null,
    voided_by       text not null default session_user,
    voided_at       timestamptz not null,
    reason          text not null check (length(btrim(reason)) > 0),
    stripe_evidence text not null check (stripe_evidence ~ '^(req_|evt_)'),
    recorded_at     timestamptz not null default now(),
    primary key (organization_id, invoice_id),
    foreign key (organization_id, invoice_id) references invoices (organization_id, id)
);
grant select on invoice_voids to billing_readonly;

create function void_invoice(p_org uuid, p_invoice uuid, p_voided_at timestamptz, p_evidence text) returns boolean
    language plpgsql security definer set search_path = billing, pg_temp as
$$
declare
    reason text := nullif(btrim(current_setting('console.reason', true)), '');
    stripe_id text;
begin
    if not (pg_has_role(session_user, 'billing_finance', 'MEMBER') or pg_has_role(session_user, 'billing_admin', 'MEMBER')) then
        raise insufficient_privilege using message = 'permission denied: only finance may void an invoice';
    end if;
    if reason is null then
        raise check_violation using message = 'a void needs a reason (console.reason)';
    end if;
    select i.stripe_invoice_id into stripe_id from invoices i
     where i.organization_id = p_org and i.id = p_invoice and i.status <> 'void' for update;
    if not found then
        return false;
    end if;
    if stripe_id is null then
        raise check_violation using message = 'only an invoice that is in Stripe can be voided; discard a draft instead';
    end if;
    insert into invoice_voids (organization_id, invoice_id, voided_at, reason, stripe_evidence)
    values (p_org, p_invoice, p_voided_at, reason, p_evidence);
    update invoices set status = 'void', voided_at = coalesce(voided_at, p_voided_at), updated_at = now(),
                        version = version + 1
     where organization_id = p_org and id = p_invoice;
    return true;
end;
$$;
revoke all on function void_invoice(uuid, uuid, timestamptz, text) from public;
grant execute on function void_invoice(uuid, uuid, timestamptz, text) to billing_finance, billing_admin;

create function discard_invoice_draft(p_org uuid, p_invoice uuid, p_version integer) returns boolean
    language plpgsql security definer set search_path = billing, pg_temp as
$$
declare
    deleted integer;
begin
    if not pg_has_role(session_user, 'billing_finance', 'MEMBER') then
        raise insufficient_privilege using message = 'permission denied: only finance may discard an invoice draft';
    end if;
    perform set_config('billing.discarding_draft', p_invoice::text, true);
    delete from invoices i
     where i.organization_id = p_org and i.id = p_invoice and i.version = p_version and i.status = 'draft'
       and i.stripe_invoice_id is null
       and not exists (select 1 from invoice_journal j where j.organization_id = i.organization_id
                          and j.invoice_id = i.id and j.state not in ('planned', 'customer_ready'));
    get diagnostics deleted = row_count;
    perform set_config('billing.discarding_draft', '', true);
    return deleted = 1;
end;
$$;
revoke all on function discard_invoice_draft(uuid, uuid, integer) from public;
grant execute on function discard_invoice_draft(uuid, uuid, integer) to billing_finance;

create function guard_invoice_change() returns trigger
    language plpgsql security definer set search_path = billing, pg_temp as
$$
begin
    if tg_op = 'DELETE' then
        -- no staff role holds the delete grant; discard_invoice_draft() deletes, and only a draft Stripe never saw
        if current_setting('billing.discarding_draft', true) is distinct from old.id::text
                or old.status <> 'draft' or old.stripe_invoice_id is not null then
            raise insufficient_privilege using message = 'permission denied: invoices are never deleted; '
                || 'discard a draft in the console, or void an invoice that is in Stripe';
        end if;
        return old;
    end if;
    if new.status = 'void' and old.status <> 'void'
            and not exists (select 1 from invoice_voids v where v.organization_id = new.organization_id
                               and v.invoice_id = new.id) then
        raise insufficient_privilege using message = 'permission denied: an invoice is voided only through the '
            || 'console''s void path, which voids it in Stripe first';
    end if;
    if old.status = 'void' and new.status <> 'void' then
        raise insufficient_privilege using message = 'permission denied: a void invoice stays void';
    end if;
    return new;
end;
$$;
revoke all on function guard_invoice_change() from public;
create trigger guard_invoice_change before update or delete on invoices
    for each row execute function guard_invoice_change();

revoke delete on invoices from billing_finance, billing_admin;

-- ---------------------------------------------------------------------------------------------
-- Support moves a subscription only between a plan and its academic twin of the same catalog version.
-- ---------------------------------------------------------------------------------------------
create function support_moves_only_to_academic_twin() returns trigger
    language plpgsql security definer set search_path = billing, pg_temp as
$$
declare
    twin boolean;
begin
    if old.plan_id is not distinct from new.plan_id
            or pg_has_role(session_user, 'billing_sales', 'MEMBER') or pg_has_role(session_user, 'billing_admin', 'MEMBER')
            or not pg_has_role(session_user, 'billing_support', 'MEMBER') then
        return new; -- sales and admin choose any plan; the grants decide who else may write plan_id at all
    end if;
    select exists (select 1 from plans a join plans b on b.catalog_version_id = a.catalog_version_id
                    where a.id = old.plan_id and b.id = new.plan_id
                      and (b.academic_of_plan_id = a.id or a.academic_of_plan_id = b.id))
      into twin;
    if not twin then
        raise insufficient_privilege using message = 'permission denied: support may move a subscription only '
            || 'between a plan and its academic twin of the same catalog version';
    end if;
    return new;
end;
$$;
revoke all on function support_moves_only_to_academic_twin() from public;
create trigger support_moves_only_to_academic_twin before update of plan_id on subscriptions
    for each row execute function support_moves_only_to_academic_twin();

-- ---------------------------------------------------------------------------------------------
-- The Stripe sandbox: readonly reads it and writes nothing; the roles that act in Stripe write it.
-- ---------------------------------------------------------------------------------------------
revoke insert, update, delete, truncate on all tables in schema stripe_sandbox from billing_readonly;
revoke usage, update on all sequences in schema stripe_sandbox from billing_readonly;
grant select on all tables in schema stripe_sandbox to billing_readonly;
grant select on all sequences in schema stripe_sandbox to billing_readonly;
grant insert, update, delete on all tables in schema stripe_sandbox
    to billing_support, billing_sales, billing_finance, billing_admin;
grant usage, select, update on all sequences in schema stripe_sandbox
    to billing_support, billing_sales, billing_finance, billing_admin;

-- ---------------------------------------------------------------------------------------------
-- The migration history belongs to the migration owner alone.
-- ---------------------------------------------------------------------------------------------
revoke insert, update, delete, truncate on flyway_schema_history from billing_admin;
