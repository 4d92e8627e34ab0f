package busmanager.uploads;

import busmanager.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code uploaded_files} rows: which profile uploaded which stored file. */
final class UploadRecords {
    private UploadRecords() {
    }

    static void record(Connection c, String subdir, String storedName, UUID uploadedBy, FileType type, long size,
                       OffsetDateTime at) throws SQLException {
        Sql.update(c, """
                INSERT INTO uploaded_files (subdir, stored_name, uploaded_by, content_type, size_bytes, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (subdir, stored_name) DO UPDATE SET uploaded_by = EXCLUDED.uploaded_by,
                  content_type = EXCLUDED.content_type, size_bytes = EXCLUDED.size_bytes,
                  created_at = EXCLUDED.created_at""", subdir, storedName, uploadedBy, type.mime(), size, at);
    }

    /** Forgets every file of a sub-directory but one (the logo that replaced the others). */
    static void forgetAllBut(Connection c, String subdir, String storedName) throws SQLException {
        Sql.update(c, "DELETE FROM uploaded_files WHERE subdir = ? AND stored_name <> ?", subdir, storedName);
    }

    static boolean isUploader(Connection c, String subdir, String storedName, UUID profileId) throws SQLException {
        return profileId != null && Sql.exists(c, """
                SELECT 1 FROM uploaded_files WHERE subdir = ? AND stored_name = ? AND uploaded_by = ?""",
                subdir, storedName, profileId);
    }

    static void forget(Connection c, String subdir, String storedName) throws SQLException {
        Sql.update(c, "DELETE FROM uploaded_files WHERE subdir = ? AND stored_name = ?", subdir, storedName);
    }
}
