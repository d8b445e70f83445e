-- Billing Console schema, version 19: credit products sold through Stripe.
--
-- A sale is the console's record of one block of credits sold to one organization: written as planned before Stripe
-- is asked, then taken through its Stripe invoice step by step (each step's idempotency key derives from the sale's
-- id: bc.credit_sale.<id>:<step>), so a crash half-way resumes where it stopped. The credits are granted (purchased,
-- never expiring) when Stripe says the invoice is paid or finance records a payment outside Stripe, once: the grant's
-- source is the sale. The price and the block are copied from the product as sold.
create table credit_sales (
    organization_id   uuid        not null references organizations (id),
    id                uuid        not null default gen_random_uuid(),
    product_code      text        not null references credit_products (code),
    credits           bigint      not null check (credits > 0),
    price_minor       bigint      not null check (price_minor > 0),
    currency          char(3)     not null,
    state             text        not null default 'planned'
        check (state in ('planned', 'invoice_created', 'lines_added', 'finalized', 'sent', 'paid', 'void')),
    stripe_invoice_id text,
    invoice_number    text,
    hosted_invoice_url text,
    reason            text        not null check (length(btrim(reason)) > 0),
    created_by        text        not null default session_user,
    created_at        timestamptz not null default now(),
    paid_at           timestamptz,
    last_error        text,
    version           integer     not null default 0,
    primary key (organization_id, id),
    unique (organization_id, stripe_invoice_id),
    check (state in ('planned') or stripe_invoice_id is not null),
    check ((state = 'paid') = (paid_at is not null))
);
create index credit_sales_stripe_invoice on credit_sales (stripe_invoice_id);
create index credit_sales_open on credit_sales (state) where state not in ('paid', 'void');

create trigger audit after insert or update or delete on credit_sales
    for each row execute function audit_row('organization_id', 'id');

grant select on credit_sales to billing_readonly;
grant insert, update on credit_sales to billing_finance, billing_admin;
