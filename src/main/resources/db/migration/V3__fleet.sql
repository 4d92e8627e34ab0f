-- Indexes behind the fleet lookups: reference checks before deleting a bus, route, category or user,
-- and the driver's trips whose name snapshot is rewritten when the user is deleted.

CREATE INDEX IF NOT EXISTS idx_trips_bus ON trips (bus_id);
CREATE INDEX IF NOT EXISTS idx_trips_route ON trips (route_id);
CREATE INDEX IF NOT EXISTS idx_trips_driver ON trips (driver_id);
CREATE INDEX IF NOT EXISTS idx_bus_schedules_bus ON bus_schedules (bus_id);
CREATE INDEX IF NOT EXISTS idx_bus_schedules_route ON bus_schedules (route_id);
CREATE INDEX IF NOT EXISTS idx_expenses_category ON expenses (category_id);
CREATE INDEX IF NOT EXISTS idx_expenses_submitted_by ON expenses (submitted_by);
CREATE INDEX IF NOT EXISTS idx_profiles_created ON profiles (created_at DESC);
