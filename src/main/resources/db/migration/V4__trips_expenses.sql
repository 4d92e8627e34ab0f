-- Trips and expenses: indexes behind every list filter (api.md §6.2, §7.1) and a total-expense trigger
-- that follows every change of an approved expense (domain.md §4.3). Applies on top of an old-stack database.

-- Trip lists are ordered by start_date DESC, id DESC; (start_date, id) serves that order and the
-- start_date/end_date range filters.
CREATE INDEX IF NOT EXISTS idx_trips_start_date ON trips (start_date, id);
CREATE INDEX IF NOT EXISTS idx_trips_driver_start ON trips (driver_id, start_date);
CREATE INDEX IF NOT EXISTS idx_trips_bus ON trips (bus_id);
CREATE INDEX IF NOT EXISTS idx_trips_status ON trips (status);
CREATE INDEX IF NOT EXISTS idx_trips_route ON trips (route_id);
CREATE INDEX IF NOT EXISTS idx_trips_schedule_day ON trips (schedule_id, trip_date);
-- "Trip day" of the from_date/to_date filters; the queries use exactly this expression.
CREATE INDEX IF NOT EXISTS idx_trips_trip_day ON trips ((COALESCE(trip_date, (start_date AT TIME ZONE 'UTC')::date)));
-- Trip chain links are cleared when a trip is deleted (api.md §6.6).
CREATE INDEX IF NOT EXISTS idx_trips_previous ON trips (previous_trip_id) WHERE previous_trip_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_trips_next ON trips (next_trip_id) WHERE next_trip_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_invoices_trip ON invoices (trip_id) WHERE trip_id IS NOT NULL;

CREATE INDEX IF NOT EXISTS idx_expenses_trip ON expenses (trip_id);
CREATE INDEX IF NOT EXISTS idx_expenses_submitted_by ON expenses (submitted_by);
CREATE INDEX IF NOT EXISTS idx_expenses_status ON expenses (status);
CREATE INDEX IF NOT EXISTS idx_expenses_created_at ON expenses (created_at, id);
CREATE INDEX IF NOT EXISTS idx_expenses_category ON expenses (category_id);

-- The old trigger counted only status changes. This one keeps trips.total_expense equal to what approvals
-- added: an approved expense that changes amount or trip, leaves `approved`, or is deleted takes its old
-- amount off its old trip; one that is approved after the change adds its new amount to its new trip.
-- Inserts are still not counted (api.md §6.5: the water expense is inserted approved and not counted).
CREATE OR REPLACE FUNCTION update_trip_total_expense() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    was_counted boolean := false;
    is_counted  boolean := false;
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'approved' THEN
            UPDATE trips SET total_expense = COALESCE(total_expense, 0) - COALESCE(OLD.amount, 0)
            WHERE id = OLD.trip_id;
        END IF;
        RETURN OLD;
    END IF;

    was_counted := OLD.status = 'approved';
    is_counted := NEW.status = 'approved';
    IF was_counted AND is_counted AND NEW.amount IS NOT DISTINCT FROM OLD.amount
            AND NEW.trip_id IS NOT DISTINCT FROM OLD.trip_id THEN
        RETURN NEW;
    END IF;
    IF was_counted THEN
        UPDATE trips SET total_expense = COALESCE(total_expense, 0) - COALESCE(OLD.amount, 0)
        WHERE id = OLD.trip_id;
    END IF;
    IF is_counted THEN
        UPDATE trips SET total_expense = COALESCE(total_expense, 0) + COALESCE(NEW.amount, 0)
        WHERE id = NEW.trip_id;
    END IF;
    RETURN NEW;
END;
$fn$;

DROP TRIGGER IF EXISTS update_expense_total ON expenses;
CREATE TRIGGER update_expense_total AFTER UPDATE OR DELETE ON expenses
    FOR EACH ROW EXECUTE FUNCTION update_trip_total_expense();
