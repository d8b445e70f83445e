-- Usage that arrives after its period was invoiced (issue 16, item 1) is billed on a later invoice as an adjustment
-- line that names the period it adjusts, so the same late usage is billed once and the invoice says why.
alter table invoice_lines add column adjusts_period date
    check (adjusts_period is null or adjusts_period = date_trunc('month', adjusts_period)::date);
create index invoice_lines_adjusts on invoice_lines (organization_id, adjusts_period) where adjusts_period is not null;
