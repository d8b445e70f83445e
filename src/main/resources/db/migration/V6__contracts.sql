-- Enterprise contracts (issue 7): at most one active contract per organization, so "the contract that governs
-- this organization" is never ambiguous; a renewal is a new contract that replaces the old one when applied.
create unique index contracts_one_active on contracts (organization_id) where status = 'active';

-- The renewal pipeline reads contracts by end date.
create index contracts_ends_on on contracts (ends_on) where status = 'active';

-- A document's file is stored by path and content hash; a hash is 64 lowercase hex digits.
alter table contract_documents
    add constraint contract_documents_hash_hex check (content_sha256 is null or content_sha256 ~ '^[0-9a-f]{64}$');
