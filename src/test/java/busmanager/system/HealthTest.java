package busmanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /health tells the truth about the database, and the server survives the outage. */
class HealthTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void unhealthyWhenTheDatabaseIsGone() throws Exception {
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        try (Connection c = TestDatabases.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE " + api.database() + " WITH (FORCE)");
        }
        Res down = api.get("/health", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("status").asText()).isEqualTo("unhealthy");
        assertThat(down.header("Access-Control-Allow-Origin")).isEqualTo("*");
        Res root = api.get("/", null);
        assertThat(root.status()).isEqualTo(200);
    }
}
