-- Who uploaded each file under the upload directory (api.md §14): only the uploader or an admin may delete
-- it. Files uploaded through the old stack have no row and can be deleted by admins only.

CREATE TABLE IF NOT EXISTS uploaded_files (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subdir       text NOT NULL CHECK (subdir IN ('expenses', 'repairs', 'logos')),
    stored_name  text NOT NULL,
    uploaded_by  uuid REFERENCES profiles (id) ON DELETE SET NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uploaded_files_subdir_name_key UNIQUE (subdir, stored_name)
);

CREATE INDEX IF NOT EXISTS idx_uploaded_files_uploaded_by ON uploaded_files (uploaded_by);
