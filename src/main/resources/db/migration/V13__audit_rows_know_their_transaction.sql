-- Issue 18: the Activity view shows one line per action (a publish that moved four subscriptions is one thing a
-- person did), so each audit row records the transaction that wrote it. Rows written before this keep no
-- transaction and show one by one. The column is added first and given its default after, so the rows already
-- there are not all stamped with this migration's own transaction.
alter table audit_log add column tx_id bigint;
alter table audit_log alter column tx_id set default txid_current();
comment on column audit_log.tx_id is 'the writing transaction (txid_current()); rows of one transaction are one action';
