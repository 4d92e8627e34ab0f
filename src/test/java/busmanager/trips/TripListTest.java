package busmanager.trips;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /trips and /trips/my (api.md §6.1, §6.2): scoping by role, every filter, order, paging. */
class TripListTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();
    static final TripFixtures fx = new TripFixtures(api);

    private static List<String> ids(Res list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    @Test
    void listsAreScopedByRole() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        String other = api.newDriver();
        UUID mine = fx.tripFor(api.profileId(driver));
        UUID theirs = fx.tripFor(api.profileId(other));

        assertThat(ids(api.get("/trips", admin))).contains(mine.toString(), theirs.toString());
        assertThat(ids(api.get("/trips", driver))).containsExactly(mine.toString());
        assertThat(ids(api.get("/trips?driver_id=" + api.profileId(other), driver))).isEmpty();
        assertThat(ids(api.get("/trips/my", driver))).containsExactly(mine.toString());
        assertThat(ids(api.get("/trips/my", admin))).isEmpty();
        String workshop = api.newRepairOrgUser();
        assertThat(ids(api.get("/trips", workshop))).isEmpty();
        assertThat(ids(api.get("/trips/my", workshop))).isEmpty();
        assertThat(api.get("/trips", null).status()).isEqualTo(401);
        assertThat(api.get("/trips/my", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void listFiltersCombineAndOrderNewestFirst() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID driverId = api.profileId(driver);
        UUID route = fx.route("Filters");
        UUID bus = fx.bus("KA05FL0001", "Filter bus");
        UUID otherBus = fx.bus("KA05FL0002", "Other bus");
        // Year 2031 is used by no other test in this class.
        UUID a = fx.trip("F-A", route, bus, driverId, "completed", "2031-03-10T20:00:00Z");
        UUID b = fx.trip("F-B", route, bus, driverId, "scheduled", "2031-03-11T23:30:00Z");
        UUID c = fx.trip("F-C", route, otherBus, driverId, "completed", "2031-03-12T05:00:00Z");
        UUID d = fx.trip("F-D", route, bus, null, "completed", "2031-03-13T08:00:00Z");
        // A generated trip whose trip_date (its day) differs from the UTC day of its start.
        api.sqlUpdate("UPDATE trips SET trip_date = '2031-03-14' WHERE id = ?", d);

        String year = "from_date=2031-01-01&to_date=2031-12-31";
        assertThat(ids(api.get("/trips?" + year, admin)))
                .containsExactly(d.toString(), c.toString(), b.toString(), a.toString());
        assertThat(ids(api.get("/trips?" + year + "&status=completed", admin)))
                .containsExactly(d.toString(), c.toString(), a.toString());
        assertThat(ids(api.get("/trips?" + year + "&bus_id=" + bus, admin)))
                .containsExactly(d.toString(), b.toString(), a.toString());
        assertThat(ids(api.get("/trips?" + year + "&driver_id=" + driverId + "&status=completed", admin)))
                .containsExactly(c.toString(), a.toString());
        assertThat(ids(api.get("/trips?from_date=2031-03-11&to_date=2031-03-12", admin)))
                .containsExactly(c.toString(), b.toString());
        assertThat(ids(api.get("/trips?from_date=2031-03-14&to_date=2031-03-14", admin))).containsExactly(d.toString());
        assertThat(ids(api.get("/trips?from_date=2031-03-13&to_date=2031-03-13", admin))).isEmpty();
        assertThat(ids(api.get("/trips?start_date=2031-03-11T23:30:00.000Z&end_date=2031-03-12T05:00:00Z", admin)))
                .containsExactly(c.toString(), b.toString());
        assertThat(ids(api.get("/trips?start_date=2031-03-12T00:00", admin))).startsWith(d.toString())
                .contains(c.toString()).doesNotContain(b.toString());
        assertThat(ids(api.get("/trips?" + year + "&limit=2", admin))).containsExactly(d.toString(), c.toString());
        assertThat(ids(api.get("/trips?" + year + "&limit=2&offset=2", admin)))
                .containsExactly(b.toString(), a.toString());
        assertThat(ids(api.get("/trips?" + year + "&limit=1000000", admin))).hasSize(4);
        assertThat(ids(api.get("/trips/my?" + year + "&status=completed", driver)))
                .containsExactly(c.toString(), a.toString());
        assertThat(ids(api.get("/trips/my?from_date=2031-03-12&limit=1", driver))).containsExactly(c.toString());

        for (String bad : List.of("status=done", "driver_id=42", "bus_id=x", "from_date=2031-13-01",
                "to_date=soon", "start_date=noon", "end_date=2031-99", "limit=0", "limit=many", "offset=-1")) {
            Res r = api.get("/trips?" + bad, admin);
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().get("detail").get(0).get("loc").get(1).asText()).as(bad)
                    .isEqualTo(bad.substring(0, bad.indexOf('=')));
            assertThat(api.get("/trips/my?" + bad, driver).status()).as(bad).isEqualTo(422);
        }
    }
}
