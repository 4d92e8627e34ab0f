package busmanager.notifications;

import static busmanager.testing.FleetAsserts.hasExactlyKeys;
import static busmanager.testing.FleetAsserts.isTimestamp;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NotificationRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    /** Inserts a notification for the token's auth user, {@code minutesAgo} old. */
    private static UUID notify(String token, String title, int minutesAgo, boolean read) {
        return api.sqlUuid("""
                INSERT INTO notifications (user_id, title, message, type, read, link, created_at)
                VALUES (?, ?, 'message of ' || ?, 'warning', ?, '/driver/trips', now() - make_interval(mins => ?))
                RETURNING id""", api.userId(token), title, title, read, minutesAgo);
    }

    @Test
    void listsOwnNotificationsNewestFirst() {
        String driver = api.newDriver();
        String other = api.newDriver();
        notify(driver, "old", 30, true);
        notify(driver, "new", 1, false);
        notify(driver, "middle", 10, false);
        notify(other, "not mine", 0, false);

        Res r = api.get("/notifications", driver);
        assertThat(r.status()).isEqualTo(200);
        JsonNode list = r.json();
        List<String> titles = new ArrayList<>();
        for (JsonNode n : list) {
            hasExactlyKeys(n, "id", "title", "message", "type", "read", "link", "created_at");
            assertThat(n.get("read").isBoolean()).isTrue();
            isTimestamp(n.get("created_at"));
            titles.add(n.get("title").asText());
        }
        assertThat(titles).containsExactly("new", "middle", "old");
        assertThat(list.get(0).get("message").asText()).isEqualTo("message of new");
        assertThat(list.get(0).get("type").asText()).isEqualTo("warning");
        assertThat(list.get(0).get("link").asText()).isEqualTo("/driver/trips");

        assertThat(api.get("/notifications?unread_only=true", driver).json()).hasSize(2);
        assertThat(api.get("/notifications?unread_only=false", driver).json()).hasSize(3);
        JsonNode limited = api.get("/notifications?limit=1", driver).json();
        assertThat(limited).hasSize(1);
        assertThat(limited.get(0).get("title").asText()).isEqualTo("new");
        assertThat(api.get("/notifications", api.newAdmin()).json()).isEmpty();
    }

    @Test
    void defaultLimitIsFifty() {
        String admin = api.newAdmin();
        api.sqlUpdate("INSERT INTO notifications (user_id, title, message) "
                + "SELECT ?, 'n' || g, 'm' FROM generate_series(1, 60) g", api.userId(admin));
        assertThat(api.get("/notifications", admin).json()).hasSize(50);
        assertThat(api.get("/notifications?limit=20", admin).json()).hasSize(20);
        assertThat(api.get("/notifications?limit=100", admin).json()).hasSize(60);
    }

    @Test
    void badQueryValues() {
        String driver = api.newDriver();
        for (String q : List.of("limit=abc", "limit=0", "unread_only=maybe", "offset=-1")) {
            Res r = api.get("/notifications?" + q, driver);
            assertThat(r.status()).as(q).isEqualTo(422);
            assertThat(r.json().get("detail").get(0).get("loc").get(0).asText()).isEqualTo("query");
        }
        assertThat(api.get("/notifications", null).status()).isEqualTo(401);
    }

    @Test
    void markOneRead() {
        String driver = api.newDriver();
        UUID mine = notify(driver, "mine", 0, false);
        Res r = api.put("/notifications/" + mine + "/read", driver, Map.of());
        assertThat(r.status()).isEqualTo(200);
        hasExactlyKeys(r.json(), "message");
        assertThat(r.json().get("message").asText()).isEqualTo("Notification marked as read");
        assertThat(api.sqlValue("SELECT read FROM notifications WHERE id = ?", mine)).isEqualTo(true);
        assertThat(api.put("/notifications/" + mine + "/read", driver, Map.of()).status()).isEqualTo(200);

        String other = api.newRepairOrgUser();
        UUID theirs = notify(other, "theirs", 0, false);
        Res foreign = api.put("/notifications/" + theirs + "/read", driver, Map.of());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.detail()).isEqualTo("Notification not found");
        assertThat(api.sqlValue("SELECT read FROM notifications WHERE id = ?", theirs)).isEqualTo(false);
        assertThat(api.put("/notifications/" + UUID.randomUUID() + "/read", driver, Map.of()).detail())
                .isEqualTo("Notification not found");
        assertThat(api.put("/notifications/garbage/read", driver, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void markAllReadTouchesOnlyOwnRows() {
        String driver = api.newDriver();
        String other = api.newDriver();
        notify(driver, "a", 2, false);
        notify(driver, "b", 1, false);
        UUID theirs = notify(other, "c", 0, false);
        Res r = api.put("/notifications/read-all", driver, Map.of());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("All notifications marked as read");
        assertThat(api.sqlValue("SELECT count(*) FROM notifications WHERE user_id = ? AND NOT read",
                api.userId(driver))).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT read FROM notifications WHERE id = ?", theirs)).isEqualTo(false);
        assertThat(api.get("/notifications?unread_only=true", driver).json()).isEmpty();
        assertThat(api.put("/notifications/read-all", driver, null).status()).isEqualTo(200);
        assertThat(api.put("/notifications/read-all", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void deleteOwnOnly() {
        String driver = api.newDriver();
        String admin = api.newAdmin();
        UUID mine = notify(driver, "mine", 0, false);
        UUID theirs = notify(admin, "theirs", 0, false);
        Res foreign = api.delete("/notifications/" + theirs, driver);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.detail()).isEqualTo("Notification not found");
        assertThat(api.sqlValue("SELECT count(*) FROM notifications WHERE id = ?", theirs)).isEqualTo(1L);

        Res r = api.delete("/notifications/" + mine, driver);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Notification deleted");
        assertThat(api.sqlValue("SELECT count(*) FROM notifications WHERE id = ?", mine)).isEqualTo(0L);
        assertThat(api.delete("/notifications/" + mine, driver).status()).isEqualTo(404);
        assertThat(api.delete("/notifications/not-an-id", driver).detail()).isEqualTo("Notification not found");
    }
}
