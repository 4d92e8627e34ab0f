-- Schedules, trip generation and background jobs. Written to apply on top of a database made by the
-- old stack too, so everything is IF NOT EXISTS.

-- Lookups of trip generation: "is there already a trip of this schedule on this day?", yesterday's trip
-- of the chain, and busy buses/drivers. Deliberately NOT unique: a database from the old stack may
-- already hold two trips of one schedule and day, and a unique index would make this migration fail.
-- Generation serialises per schedule and day with a transaction-scoped advisory lock instead.
CREATE INDEX IF NOT EXISTS idx_trips_schedule_trip_date ON trips (schedule_id, trip_date);
CREATE INDEX IF NOT EXISTS idx_trips_in_progress_bus ON trips (bus_id) WHERE status = 'in_progress';
CREATE INDEX IF NOT EXISTS idx_trips_in_progress_driver ON trips (driver_id) WHERE status = 'in_progress';
CREATE INDEX IF NOT EXISTS idx_trips_open_start ON trips (start_date) WHERE status IN ('scheduled', 'in_progress');
CREATE INDEX IF NOT EXISTS idx_bus_schedules_active ON bus_schedules (is_active);

-- What the jobs already told whom: one row per event, day and recipient (an auth user id, or 'email'
-- for the alert e-mail). Inserting with ON CONFLICT DO NOTHING makes "never twice a day" exact, also
-- with several server instances running the same job at once.
CREATE TABLE IF NOT EXISTS notification_log (
    event_key text        NOT NULL,
    day       date        NOT NULL,
    recipient text        NOT NULL,
    sent_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_key, day, recipient)
);
CREATE INDEX IF NOT EXISTS idx_notification_log_day ON notification_log (day);

-- One row per run of a background job. Scheduled runs use the slot (e.g. the business date for a daily
-- job) as key, so when several instances share a database only the first to insert the row runs it.
CREATE TABLE IF NOT EXISTS job_runs (
    job         text        NOT NULL,
    slot        text        NOT NULL,
    instance    text,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    result      text,
    PRIMARY KEY (job, slot)
);
CREATE INDEX IF NOT EXISTS idx_job_runs_job_started ON job_runs (job, started_at DESC);
