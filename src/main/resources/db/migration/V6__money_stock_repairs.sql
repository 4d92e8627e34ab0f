-- Stock, invoices and repairs: recording order of invoice line items and payments, and the indexes
-- behind the lookups of api.md §11-§13. Written to apply on top of a database made by the old stack too.

-- Line items are listed in the order they were sent/added (api.md §12.6). Items of one request share
-- created_at, so each row gets a number from a sequence when it is inserted. The column is added without
-- a default first so rows written by the old backend keep NULL and are ordered by created_at instead.
CREATE SEQUENCE IF NOT EXISTS invoice_line_items_position_seq;
ALTER TABLE invoice_line_items ADD COLUMN IF NOT EXISTS position bigint;
ALTER TABLE invoice_line_items ALTER COLUMN position SET DEFAULT nextval('invoice_line_items_position_seq');
ALTER SEQUENCE invoice_line_items_position_seq OWNED BY invoice_line_items.position;

-- Payments of the same date are listed later-recorded first (api.md §12.9); same technique.
CREATE SEQUENCE IF NOT EXISTS invoice_payments_position_seq;
ALTER TABLE invoice_payments ADD COLUMN IF NOT EXISTS position bigint;
ALTER TABLE invoice_payments ALTER COLUMN position SET DEFAULT nextval('invoice_payments_position_seq');
ALTER SEQUENCE invoice_payments_position_seq OWNED BY invoice_payments.position;

CREATE INDEX IF NOT EXISTS idx_invoice_line_items_invoice ON invoice_line_items (invoice_id, position);
CREATE INDEX IF NOT EXISTS idx_invoice_payments_invoice ON invoice_payments (invoice_id);
CREATE INDEX IF NOT EXISTS idx_invoices_invoice_date ON invoices (invoice_date DESC);
CREATE INDEX IF NOT EXISTS idx_invoices_trip ON invoices (trip_id);
CREATE INDEX IF NOT EXISTS idx_invoices_bus ON invoices (bus_id);

CREATE INDEX IF NOT EXISTS idx_stock_transactions_item_created ON stock_transactions (stock_item_id, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_stock_transactions_created ON stock_transactions (created_at DESC);

CREATE INDEX IF NOT EXISTS idx_repair_records_org_date ON repair_records (organization_id, repair_date DESC);
CREATE INDEX IF NOT EXISTS idx_repair_records_date ON repair_records (repair_date DESC);
CREATE INDEX IF NOT EXISTS idx_repair_records_bus ON repair_records (bus_id);
CREATE INDEX IF NOT EXISTS idx_profiles_repair_org ON profiles (repair_org_id);
