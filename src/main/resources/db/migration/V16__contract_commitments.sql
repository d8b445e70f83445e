-- Billing Console schema, version 16: a contract's minimum commitment.
--
-- A contract may commit the customer to a minimum spend: over its whole term (trued up when the term ends) or each
-- month (trued up every month). What counts toward it is chosen: usage (overage), add-ons, fees (the contract fee,
-- base fees, seats). The true-up is rated as a line of the month's invoice, so the invoice run bills it once, with
-- that month's invoice, journaled like every other; it is never stored apart from the rating.
create table contract_commitments (
    organization_id uuid        not null,
    contract_id     uuid        not null,
    amount_minor    bigint      not null check (amount_minor > 0),
    currency        char(3)     not null,
    basis           text        not null check (basis in ('term', 'month')),
    counts_usage    boolean     not null default true,
    counts_add_ons  boolean     not null default true,
    counts_fees     boolean     not null default true,
    note            text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    version         integer     not null default 0,
    primary key (organization_id, contract_id),
    foreign key (organization_id, contract_id) references contracts (organization_id, id) on delete cascade,
    check (counts_usage or counts_add_ons or counts_fees)
);

create trigger audit after insert or update or delete on contract_commitments
    for each row execute function audit_row('organization_id', 'contract_id');

grant select on contract_commitments to billing_readonly;
grant insert, update, delete on contract_commitments to billing_sales, billing_admin;
create trigger contract_commitments_updated_at before update on contract_commitments
    for each row execute function stamp_updated_at();
