-- Every unique key of a per-organization table holds organization_id (issue 16, item 9), so the schema can be
-- distributed by organization with Citus, which refuses a unique index without the distribution column.
-- Invoices and subscriptions are still found by their id alone (screens, Stripe events): the indexes stay, no
-- longer unique. Their ids are random UUIDs and their primary keys are (organization_id, id).
drop index invoices_id;
create index invoices_id on invoices (id);
drop index subscriptions_id_idx;
create index subscriptions_id on subscriptions (id);
