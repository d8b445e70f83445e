-- State of the console's local Stripe sandbox (used when no Stripe key is configured), in a schema of its
-- own so that sandbox invoices survive a restart of the embedded default. Never holds real Stripe data.
create schema if not exists stripe_sandbox;

create table stripe_sandbox.objects (
    id       text primary key,
    type     text not null,
    seq      bigserial not null unique,   -- list order (newest first), stable within one second
    customer text,
    created  bigint not null,
    data     jsonb not null
);
create index objects_type_seq on stripe_sandbox.objects (type, seq);
create index objects_type_customer_seq on stripe_sandbox.objects (type, customer, seq);

-- Stripe keeps a POST's response under its Idempotency-Key and replays it for the same parameters.
create table stripe_sandbox.idempotency (
    key         text primary key,
    fingerprint text not null,
    status      integer not null,
    body        text not null,
    created_at  timestamptz not null default now()
);

create table stripe_sandbox.events (
    seq     bigserial primary key,
    id      text not null unique,
    type    text not null,
    created bigint not null,
    data    jsonb not null
);

create table stripe_sandbox.meter_event_identifiers (
    identifier text primary key,
    created    bigint not null
);

create table stripe_sandbox.counters (
    name  text primary key,
    value bigint not null
);

-- the sandbox is a development stand-in: every console role may use it
grant usage on schema stripe_sandbox to billing_readonly;
grant select, insert, update, delete on all tables in schema stripe_sandbox to billing_readonly;
grant usage, select, update on all sequences in schema stripe_sandbox to billing_readonly;
