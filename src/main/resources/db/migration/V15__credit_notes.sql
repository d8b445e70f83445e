-- Billing Console schema, version 15: credit notes against finalized invoices.
--
-- A credit note corrects an invoice that is already in Stripe (open or paid): some of its lines, or an amount.
-- Like Stripe, it first reduces what is still owed (pre_payment_minor, never below zero); what exceeds that is
-- credited to the customer's Stripe balance (applied to their next invoice) or recorded as settled outside
-- Stripe (a refund by wire, a check). Its three parts always add up to its amount, and its lines to the same.
--
-- The row is written before Stripe is asked ('planned'), with the idempotency key bc.credit_note.<id>:create, so a
-- crash between the two resumes instead of crediting twice; it becomes 'issued' with Stripe's id and number, and
-- 'void' when voided (Stripe reverses what it did) or when Stripe refused to issue it (then it has no Stripe id).
-- Credit notes are never deleted.
create table credit_notes (
    organization_id       uuid        not null,
    id                    uuid        not null default gen_random_uuid(),
    invoice_id            uuid        not null,
    state                 text        not null check (state in ('planned', 'issued', 'void')),
    stripe_credit_note_id text,
    number                text,
    reason                text        not null check (reason in ('duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory')),
    note                  text        not null check (length(btrim(note)) >= 3),
    currency              char(3)     not null,
    amount_minor          bigint      not null check (amount_minor > 0),
    pre_payment_minor     bigint      not null check (pre_payment_minor >= 0),
    credit_balance_minor  bigint      not null default 0 check (credit_balance_minor >= 0),
    out_of_band_minor     bigint      not null default 0 check (out_of_band_minor >= 0),
    created_by            text        not null default session_user,
    created_at            timestamptz not null default now(),
    issued_at             timestamptz,
    voided_at             timestamptz,
    void_reason           text,
    last_error            text,
    last_request_id       text,
    version               integer     not null default 0,
    primary key (organization_id, id),
    foreign key (organization_id, invoice_id) references invoices (organization_id, id),
    check (pre_payment_minor + credit_balance_minor + out_of_band_minor = amount_minor),
    check (state <> 'issued' or stripe_credit_note_id is not null),
    check (state <> 'void' or (voided_at is not null and length(btrim(void_reason)) > 0))
);
-- unique keys hold the organization (V9): the table can be distributed by it
create unique index credit_notes_stripe_id on credit_notes (organization_id, stripe_credit_note_id);
create index credit_notes_invoice on credit_notes (organization_id, invoice_id);
create index credit_notes_created on credit_notes (created_at desc);

-- What a credit note credits: a line of the invoice (invoice_line_no) for some or all of its amount, or an amount
-- with a description of its own.
create table credit_note_lines (
    organization_id uuid    not null,
    credit_note_id  uuid    not null,
    line_no         integer not null check (line_no > 0),
    invoice_line_no integer,
    description     text    not null check (length(btrim(description)) > 0),
    amount_minor    bigint  not null check (amount_minor > 0),
    primary key (organization_id, credit_note_id, line_no),
    foreign key (organization_id, credit_note_id) references credit_notes (organization_id, id)
);

-- Checked at commit, so a note and its lines can be written in any order: the lines add up to the note; the
-- invoice is finalized (open or paid, and in Stripe); no invoice line is credited for more than it charged; the
-- invoice's live credit notes never exceed its total, and what they take off the amount due never exceeds what was
-- owed.
create function check_credit_note() returns trigger
    language plpgsql set search_path = billing, pg_temp as
$$
declare
    cn_org   uuid := coalesce(new.organization_id, old.organization_id);
    cn_id    uuid;
    note     credit_notes%rowtype;
    inv      invoices%rowtype;
    lines    bigint;
    credited bigint;
    pre      bigint;
    over     record;
begin
    if tg_table_name = 'credit_note_lines' then
        cn_id := coalesce(new.credit_note_id, old.credit_note_id);
    else
        cn_id := coalesce(new.id, old.id);
    end if;
    select * into note from credit_notes where organization_id = cn_org and id = cn_id;
    if not found then
        return null;
    end if;
    select coalesce(sum(amount_minor), 0) into lines from credit_note_lines where organization_id = cn_org and credit_note_id = cn_id;
    if lines <> note.amount_minor then
        raise check_violation using message = format('a credit note''s lines (%s) must add up to its amount (%s)', lines, note.amount_minor);
    end if;
    select * into inv from invoices where organization_id = cn_org and id = note.invoice_id;
    if note.currency <> inv.currency then
        raise check_violation using message = 'a credit note is in its invoice''s currency';
    end if;
    if tg_op = 'INSERT' and tg_table_name = 'credit_notes' and (inv.stripe_invoice_id is null or inv.status not in ('open', 'paid')) then
        raise check_violation using message = format('only a finalized invoice (open or paid) can be credited; this one is %s', inv.status);
    end if;
    select coalesce(sum(amount_minor), 0), coalesce(sum(pre_payment_minor), 0) into credited, pre
      from credit_notes where organization_id = cn_org and invoice_id = note.invoice_id and state <> 'void';
    if credited > inv.total_minor then
        raise check_violation using message = format('the invoice''s credit notes (%s) cannot exceed its total (%s)', credited, inv.total_minor);
    end if;
    if pre + inv.amount_paid_minor > inv.total_minor then
        raise check_violation using message = format('credit notes cannot take %s off the amount due when %s was owed',
                                                     pre, inv.total_minor - inv.amount_paid_minor);
    end if;
    for over in
        select l.invoice_line_no, sum(l.amount_minor) as credited, max(il.amount_minor) as charged
          from credit_note_lines l
          join credit_notes n on n.organization_id = l.organization_id and n.id = l.credit_note_id and n.state <> 'void'
          left join invoice_lines il on il.organization_id = l.organization_id and il.invoice_id = n.invoice_id
                                    and il.line_no = l.invoice_line_no
         where l.organization_id = cn_org and n.invoice_id = note.invoice_id and l.invoice_line_no is not null
         group by l.invoice_line_no
    loop
        if over.charged is null then
            raise check_violation using message = format('the invoice has no line %s', over.invoice_line_no);
        end if;
        if over.credited > over.charged then
            raise check_violation using message = format('line %s charged %s and cannot be credited %s', over.invoice_line_no,
                                                         over.charged, over.credited);
        end if;
    end loop;
    return null;
end;
$$;
create constraint trigger credit_note_check after insert or update on credit_notes
    deferrable initially deferred for each row execute function check_credit_note();
create constraint trigger credit_note_lines_check after insert or update or delete on credit_note_lines
    deferrable initially deferred for each row execute function check_credit_note();

-- Nobody deletes a credit note or changes what it credited once it is written; only its Stripe progress and its void.
create function credit_notes_keep_their_terms() returns trigger
    language plpgsql set search_path = billing, pg_temp as
$$
begin
    if tg_op = 'DELETE' then
        raise insufficient_privilege using message = 'credit notes are never deleted; void one instead';
    end if;
    if tg_table_name = 'credit_note_lines' then
        raise insufficient_privilege using message = 'a credit note''s lines do not change once written';
    end if;
    if (new.organization_id, new.invoice_id, new.reason, new.note, new.currency, new.amount_minor, new.pre_payment_minor,
        new.credit_balance_minor, new.out_of_band_minor, new.created_by, new.created_at)
       is distinct from (old.organization_id, old.invoice_id, old.reason, old.note, old.currency, old.amount_minor,
                         old.pre_payment_minor, old.credit_balance_minor, old.out_of_band_minor, old.created_by, old.created_at) then
        raise insufficient_privilege using message = 'a credit note''s amounts and reason do not change once written; void it and issue another';
    end if;
    if old.state = 'void' or (old.state = 'issued' and new.state = 'planned') then
        raise check_violation using message = format('a credit note goes planned, issued, void; this one is %s', old.state);
    end if;
    return new;
end;
$$;
create trigger credit_notes_keep_their_terms before update or delete on credit_notes
    for each row execute function credit_notes_keep_their_terms();
create trigger credit_note_lines_keep_their_terms before update or delete on credit_note_lines
    for each row execute function credit_notes_keep_their_terms();

create trigger audit after insert or update or delete on credit_notes
    for each row execute function audit_row('organization_id', 'id');
create trigger audit after insert or update or delete on credit_note_lines
    for each row execute function audit_row('organization_id', 'credit_note_id', 'line_no');

grant select on credit_notes, credit_note_lines to billing_readonly;
grant insert on credit_notes, credit_note_lines to billing_finance, billing_admin;
grant update (state, stripe_credit_note_id, number, issued_at, voided_at, void_reason, last_error, last_request_id, version)
    on credit_notes to billing_finance, billing_admin;
