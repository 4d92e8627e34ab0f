-- trips.total_expense counts an expense only while it is approved, and subtracts exactly what it added.
-- An expense inserted already approved (the automatic Water expense of a water pickup, api.md §6.5) is not
-- counted, as in the old stack; so deleting or un-approving it must not subtract either. Each row therefore
-- remembers whether its amount is in its trip's total.

ALTER TABLE expenses ADD COLUMN IF NOT EXISTS in_trip_total boolean NOT NULL DEFAULT false;

-- Rows written before this migration: approved ones were counted when they were approved, except the
-- automatic Water expenses, which were inserted approved and never counted.
UPDATE expenses e SET in_trip_total = true
WHERE e.status = 'approved'
  AND NOT (e.description LIKE 'Water: % @ ₹%'
           AND EXISTS (SELECT 1 FROM expense_categories c WHERE c.id = e.category_id AND lower(c.name) = 'water'));

CREATE OR REPLACE FUNCTION track_trip_total_expense() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.in_trip_total THEN
            UPDATE trips SET total_expense = COALESCE(total_expense, 0) - COALESCE(OLD.amount, 0)
            WHERE id = OLD.trip_id;
        END IF;
        RETURN OLD;
    END IF;

    IF OLD.in_trip_total AND NEW.status = 'approved' AND NEW.amount IS NOT DISTINCT FROM OLD.amount
            AND NEW.trip_id IS NOT DISTINCT FROM OLD.trip_id THEN
        NEW.in_trip_total := true;
        RETURN NEW;
    END IF;
    IF OLD.in_trip_total THEN
        UPDATE trips SET total_expense = COALESCE(total_expense, 0) - COALESCE(OLD.amount, 0)
        WHERE id = OLD.trip_id;
    END IF;
    -- Counted from the moment it becomes approved; one inserted approved joins the total only if it is
    -- approved again after a change of status.
    NEW.in_trip_total := NEW.status = 'approved' AND (OLD.in_trip_total OR OLD.status <> 'approved');
    IF NEW.in_trip_total THEN
        UPDATE trips SET total_expense = COALESCE(total_expense, 0) + COALESCE(NEW.amount, 0)
        WHERE id = NEW.trip_id;
    END IF;
    RETURN NEW;
END;
$fn$;

DROP TRIGGER IF EXISTS update_expense_total ON expenses;
DROP FUNCTION IF EXISTS update_trip_total_expense();
CREATE TRIGGER update_expense_total BEFORE UPDATE OR DELETE ON expenses
    FOR EACH ROW EXECUTE FUNCTION track_trip_total_expense();
