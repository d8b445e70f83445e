-- Issue 17: contracts, their documents and organizations are saved through Hibernate. "When a row changed" is the
-- database's to record (the console's clock decides billing, not write times), so an update stamps updated_at here
-- instead of every statement spelling it. The hand-written updates that still set it get the same value.
create function stamp_updated_at() returns trigger language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end $$;

create trigger contracts_updated_at before update on contracts
    for each row execute function stamp_updated_at();
create trigger contract_documents_updated_at before update on contract_documents
    for each row execute function stamp_updated_at();
create trigger organizations_updated_at before update on organizations
    for each row execute function stamp_updated_at();
