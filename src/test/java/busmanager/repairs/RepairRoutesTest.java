package busmanager.repairs;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RepairRoutesTest {
    /** 20:00 UTC on 31 March is 1 April in India. */
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-03-31T20:00:00Z")));
    static String admin;
    static String driver;
    static String workshop;
    static UUID workshopOrg;
    static String otherWorkshop;
    static UUID otherOrg;
    static UUID bus;

    @BeforeAll
    static void users() {
        admin = api.newAdmin();
        driver = api.newDriver();
        workshop = api.newRepairOrgUser();
        workshopOrg = orgOf(workshop);
        otherWorkshop = api.newRepairOrgUser();
        otherOrg = orgOf(otherWorkshop);
        bus = api.sqlUuid("INSERT INTO buses (registration_number, bus_name) VALUES ('KA01F1234', 'Airavat') "
                + "RETURNING id");
    }

    static UUID orgOf(String token) {
        return api.sqlUuid("SELECT repair_org_id FROM profiles WHERE id = ?", api.profileId(token));
    }

    static Map<String, Object> minimal() {
        return body("repair_number", "RPR" + UUID.randomUUID().toString().substring(0, 9), "bus_registration",
                "KA01F1234", "repair_type", "repair", "description", "Brake shoes");
    }

    static UUID file(String token, Map<String, Object> extra) {
        Map<String, Object> b = minimal();
        b.putAll(extra);
        Res r = api.post("/repairs", token, b);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    static Map<String, Object> row(UUID id) {
        return api.sqlRows("SELECT * FROM repair_records WHERE id = ?", id).get(0);
    }

    static BigDecimal dec(Map<String, Object> row, String column) {
        return (BigDecimal) row.get(column);
    }

    @Test
    void workshopFilesARecordForItsOwnOrganization() {
        Res r = api.post("/repairs", workshop, body("repair_number", "RPR250401123", "bus_id", bus.toString(),
                "bus_registration", "KA01F1234", "repair_date", "2025-03-28", "repair_type", "resole",
                "description", "Rear tyres resoled", "parts_changed", "2 tyres", "parts_cost", 8000,
                "labor_cost", 1200.5, "gst_applicable", true, "gst_percentage", 28, "gst_amount", 1500,
                "warranty_days", 90, "notes", "ok", "photo_before_url", "/uploads/repairs/a.jpg",
                "photo_after_url", "https://cdn.example.com/b.jpg",
                "organization_id", otherOrg.toString(), "submitted_by", api.profileId(admin).toString(),
                "status", "approved"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("organization_id").asText()).isEqualTo(workshopOrg.toString());
        assertThat(j.get("submitted_by").asText()).isEqualTo(api.profileId(workshop).toString());
        assertThat(j.get("status").asText()).isEqualTo("submitted");
        assertThat(j.get("repair_number").asText()).isEqualTo("RPR250401123");
        assertThat(j.get("repair_date").asText()).isEqualTo("2025-03-28");
        assertThat(j.get("gst_amount").decimalValue()).isEqualByComparingTo("1500");
        assertThat(j.get("total_cost").decimalValue()).isEqualByComparingTo("10700.5");
        assertThat(j.get("warranty_days").asInt()).isEqualTo(90);
        assertThat(j.get("repair_organizations").get("org_name").asText()).isEqualTo("Workshop");
        assertThat(j.get("repair_organizations").get("org_code").asText()).startsWith("RO");
        assertThat(j.get("buses").get("bus_name").asText()).isEqualTo("Airavat");
        assertThat(j.get("approved_by").isNull()).isTrue();
        assertThat(j.get("approved_at").isNull()).isTrue();
        for (String key : List.of("id", "bus_id", "bus_registration", "repair_type", "description", "parts_changed",
                "parts_cost", "labor_cost", "gst_applicable", "gst_percentage", "notes", "photo_before_url",
                "photo_after_url", "created_at", "updated_at")) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        Map<String, Object> row = row(UUID.fromString(j.get("id").asText()));
        assertThat(row).containsEntry("organization_id", workshopOrg).containsEntry("status", "submitted")
                .containsEntry("bus_id", bus).containsEntry("repair_type", "resole")
                .containsEntry("photo_before_url", "/uploads/repairs/a.jpg").containsEntry("warranty_days", 90);
        assertThat(dec(row, "gst_amount")).isEqualByComparingTo("1500");
        assertThat(dec(row, "total_cost")).isEqualByComparingTo("10700.5");
        assertThat(dec(row, "gst_percentage")).isEqualByComparingTo("28");
    }

    @Test
    void defaultsAndGstComputedOnlyWhenNotSent() {
        UUID plain = file(workshop, body("parts_cost", 1000, "labor_cost", 500));
        Map<String, Object> p = row(plain);
        assertThat(p.get("repair_date").toString()).isEqualTo("2025-04-01");
        assertThat(p).containsEntry("gst_applicable", true).containsEntry("warranty_days", 0)
                .containsEntry("bus_id", null);
        assertThat(dec(p, "gst_percentage")).isEqualByComparingTo("18");
        assertThat(dec(p, "gst_amount")).isEqualByComparingTo("270");
        assertThat(dec(p, "total_cost")).isEqualByComparingTo("1770");

        Map<String, Object> noGst = row(file(workshop, body("parts_cost", 1000, "labor_cost", 500,
                "gst_applicable", false)));
        assertThat(dec(noGst, "gst_amount")).isEqualByComparingTo("0");
        assertThat(dec(noGst, "total_cost")).isEqualByComparingTo("1500");

        Map<String, Object> rate = row(file(workshop, body("parts_cost", 333.33, "gst_percentage", 12.5)));
        assertThat(dec(rate, "gst_amount")).isEqualByComparingTo("41.66625");
        assertThat(dec(rate, "total_cost")).isEqualByComparingTo("374.99625");

        Map<String, Object> typed = row(file(workshop, body("parts_cost", 1000, "gst_amount", 0)));
        assertThat(dec(typed, "gst_amount")).isEqualByComparingTo("0");
        assertThat(dec(typed, "total_cost")).isEqualByComparingTo("1000");

        Map<String, Object> empty = row(file(workshop, body("bus_id", "", "repair_date", "", "gst_amount", "")));
        assertThat(empty.get("repair_date").toString()).isEqualTo("2025-04-01");
        assertThat(dec(empty, "total_cost")).isEqualByComparingTo("0");
    }

    @Test
    void onlyWorkshopsWithAnOrganizationFileRecords() {
        for (String token : new String[] {admin, driver}) {
            Res r = api.post("/repairs", token, minimal());
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Only repair organization users can create records");
        }
        String orphan = api.login(api.createUser("repair_org", "No Org", "secret123", null), "secret123");
        Res r = api.post("/repairs", orphan, minimal());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo("Repair organization not configured");
        assertThat(api.post("/repairs", null, minimal()).status()).isEqualTo(401);
        assertThat(api.sqlValue("SELECT count(*) FROM repair_records WHERE submitted_by IN (?, ?, ?)",
                api.profileId(admin), api.profileId(driver), api.profileId(orphan))).isEqualTo(0L);
    }

    @Test
    void createRejectsBadInput() {
        for (String field : List.of("repair_number", "bus_registration", "repair_type", "description")) {
            Map<String, Object> b = minimal();
            b.remove(field);
            Res r = api.post("/repairs", workshop, b);
            assertThat(r.status()).as(field).isEqualTo(422);
            assertThat(r.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo(field);
        }
        Map<String, Object> bad = Map.of("repair_type", "paint", "bus_id", UUID.randomUUID().toString(),
                "photo_before_url", "javascript:alert(1)", "photo_after_url", "ftp://x/y.jpg", "parts_cost", -1,
                "labor_cost", "free", "gst_percentage", 101, "warranty_days", -3, "repair_date", "tomorrow",
                "gst_amount", -5);
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            Map<String, Object> b = minimal();
            b.put(e.getKey(), e.getValue());
            Res r = api.post("/repairs", workshop, b);
            assertThat(r.status()).as(e.getKey()).isEqualTo(422);
            assertThat(r.body()).contains(e.getKey());
        }
        Map<String, Object> longNumber = minimal();
        longNumber.put("repair_number", "R".repeat(51));
        assertThat(api.post("/repairs", workshop, longNumber).status()).isEqualTo(422);
        assertThat(api.sqlValue("SELECT count(*) FROM repair_records WHERE repair_type = 'paint'")).isEqualTo(0L);
    }

    @Test
    void listIsScopedAndFiltered() {
        UUID mineOld = file(workshop, body("repair_date", "2024-02-01"));
        UUID mineNew = file(workshop, body("repair_date", "2024-02-20"));
        UUID theirs = file(otherWorkshop, body("repair_date", "2024-02-10"));
        api.put("/repairs/" + mineNew, admin, body("status", "approved"));
        String window = "from_date=2024-02-01&to_date=2024-02-28";

        assertThat(ids(api.get("/repairs?" + window, admin))).containsExactly(mineNew, theirs, mineOld);
        assertThat(ids(api.get("/repairs?" + window + "&organization_id=" + workshopOrg, admin)))
                .containsExactly(mineNew, mineOld);
        assertThat(ids(api.get("/repairs?" + window + "&status=approved", admin))).containsExactly(mineNew);
        assertThat(ids(api.get("/repairs?from_date=2024-02-05&to_date=2024-02-15", admin))).containsExactly(theirs);
        assertThat(ids(api.get("/repairs?" + window + "&limit=1&offset=1", admin))).containsExactly(theirs);

        assertThat(ids(api.get("/repairs?" + window, workshop))).containsExactly(mineNew, mineOld);
        assertThat(ids(api.get("/repairs?" + window + "&organization_id=" + otherOrg, workshop))).isEmpty();
        assertThat(ids(api.get("/repairs", otherWorkshop))).allMatch(id ->
                otherOrg.equals(api.sqlValue("SELECT organization_id FROM repair_records WHERE id = ?", id)));
        assertThat(ids(api.get("/repairs", driver))).isEmpty();
        String orphan = api.login(api.createUser("repair_org", "No Org", "secret123", null), "secret123");
        assertThat(ids(api.get("/repairs", orphan))).isEmpty();

        assertThat(api.get("/repairs?status=lost", admin).status()).isEqualTo(422);
        assertThat(api.get("/repairs?organization_id=abc", admin).status()).isEqualTo(422);
        assertThat(api.get("/repairs?from_date=2024-13-01", admin).status()).isEqualTo(422);
        assertThat(api.get("/repairs", null).status()).isEqualTo(401);
    }

    private static List<UUID> ids(Res r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        r.json().forEach(j -> ids.add(UUID.fromString(j.get("id").asText())));
        return ids;
    }

    @Test
    void readingOneIsScoped() {
        UUID mine = file(workshop, Map.of());
        assertThat(api.get("/repairs/" + mine, workshop).status()).isEqualTo(200);
        assertThat(api.get("/repairs/" + mine, admin).json().get("id").asText()).isEqualTo(mine.toString());
        for (String token : new String[] {otherWorkshop, driver}) {
            Res r = api.get("/repairs/" + mine, token);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Access denied");
            assertThat(r.body()).doesNotContain("Brake shoes");
        }
        Res missing = api.get("/repairs/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Repair record not found");
        assertThat(api.get("/repairs/RPR123", admin).detail()).isEqualTo("Repair record not found");
    }

    @Test
    void workshopEditsOnlyItsOwnSubmittedRecords() {
        UUID mine = file(workshop, body("parts_cost", 100));
        Res r = api.put("/repairs/" + mine, workshop, body("description", "Brake shoes and drums", "notes", "n",
                "repair_type", "new", "status", "approved", "approved_by", api.profileId(workshop).toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("description").asText()).isEqualTo("Brake shoes and drums");
        assertThat(row(mine)).containsEntry("status", "submitted").containsEntry("approved_by", null)
                .containsEntry("repair_type", "new").containsEntry("notes", "n");

        Res foreign = api.put("/repairs/" + mine, otherWorkshop, body("notes", "hijack"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.detail()).isEqualTo("Access denied");
        Res byDriver = api.put("/repairs/" + mine, driver, body("notes", "driver"));
        assertThat(byDriver.status()).isEqualTo(403);
        assertThat(byDriver.detail()).isEqualTo("Access denied");
        assertThat(row(mine)).containsEntry("notes", "n");

        for (String status : List.of("approved", "rejected", "completed")) {
            api.sqlUpdate("UPDATE repair_records SET status = ? WHERE id = ?", status, mine);
            Res locked = api.put("/repairs/" + mine, workshop, body("notes", "late"));
            assertThat(locked.status()).isEqualTo(400);
            assertThat(locked.detail()).isEqualTo("Cannot update approved/rejected record");
        }
        assertThat(row(mine)).containsEntry("notes", "n");

        assertThat(api.put("/repairs/" + mine, admin, body("description", "")).status()).isEqualTo(422);
        assertThat(api.put("/repairs/" + mine, admin, body("repair_date", null)).status()).isEqualTo(422);
        assertThat(api.put("/repairs/" + mine, admin, body("photo_after_url", "data:x")).status()).isEqualTo(422);
        Res missing = api.put("/repairs/" + UUID.randomUUID(), workshop, body("notes", "x"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Repair record not found");
    }

    @Test
    void adminApprovalStampsApproverAndTime() {
        UUID approved = file(workshop, Map.of());
        Res r = api.put("/repairs/" + approved, admin, body("status", "approved"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("approved");
        assertThat(r.json().get("approved_by").asText()).isEqualTo(api.profileId(admin).toString());
        Map<String, Object> row = row(approved);
        assertThat(row).containsEntry("status", "approved").containsEntry("approved_by", api.profileId(admin));
        assertThat(row.get("approved_at")).isNotNull();

        UUID sent = file(workshop, Map.of());
        String otherAdmin = api.newAdmin();
        Res withStamps = api.put("/repairs/" + sent, admin, body("status", "approved",
                "approved_by", api.profileId(otherAdmin).toString(), "approved_at", "2025-03-30T10:15:00Z"));
        assertThat(withStamps.status()).isEqualTo(200);
        assertThat(row(sent)).containsEntry("approved_by", api.profileId(otherAdmin));
        assertThat(OffsetDateTime.parse(withStamps.json().get("approved_at").asText()).toInstant())
                .isEqualTo(Instant.parse("2025-03-30T10:15:00Z"));

        UUID rejected = file(workshop, Map.of());
        assertThat(api.put("/repairs/" + rejected, admin, body("status", "rejected")).status()).isEqualTo(200);
        assertThat(row(rejected)).containsEntry("status", "rejected").containsEntry("approved_by", null);
        assertThat(api.put("/repairs/" + approved, admin, body("status", "completed")).status()).isEqualTo(200);
        assertThat(row(approved)).containsEntry("status", "completed")
                .containsEntry("approved_by", api.profileId(admin));

        assertThat(api.put("/repairs/" + rejected, admin, body("status", "done")).status()).isEqualTo(422);
        assertThat(api.put("/repairs/" + rejected, admin, body("status", null)).status()).isEqualTo(422);
        Res unknownApprover = api.put("/repairs/" + rejected, admin, body("approved_by", UUID.randomUUID().toString()));
        assertThat(unknownApprover.status()).isEqualTo(422);
        assertThat(unknownApprover.body()).contains("approved_by");
        assertThat(api.put("/repairs/" + rejected, admin, body("bus_id", UUID.randomUUID().toString())).status())
                .isEqualTo(422);
        assertThat(row(rejected)).containsEntry("status", "rejected");
    }

    @Test
    void gstAmountIsKeptAndTotalFollowsTheCosts() {
        UUID id = file(workshop, body("parts_cost", 1000, "labor_cost", 500, "gst_amount", 200));
        assertThat(dec(row(id), "total_cost")).isEqualByComparingTo("1700");

        api.put("/repairs/" + id, workshop, body("parts_cost", 2000));
        assertThat(dec(row(id), "gst_amount")).isEqualByComparingTo("200");
        assertThat(dec(row(id), "total_cost")).isEqualByComparingTo("2700");

        api.put("/repairs/" + id, workshop, body("gst_percentage", 5, "gst_applicable", false));
        assertThat(dec(row(id), "gst_amount")).isEqualByComparingTo("200");
        assertThat(dec(row(id), "total_cost")).isEqualByComparingTo("2700");

        Res typed = api.put("/repairs/" + id, admin, body("gst_amount", 125.5, "labor_cost", 0));
        assertThat(typed.json().get("gst_amount").decimalValue()).isEqualByComparingTo("125.5");
        assertThat(typed.json().get("total_cost").decimalValue()).isEqualByComparingTo("2125.5");
        assertThat(dec(row(id), "total_cost")).isEqualByComparingTo("2125.5");
    }

    @Test
    void rowsOfTheOldBackendAreComputedLikeIt() {
        UUID noRate = legacy("true", "NULL");
        UUID zeroRate = legacy("true", "0");
        UUID rate28 = legacy("true", "28");
        UUID notApplicable = legacy("false", "18");
        UUID unknownApplicable = legacy("NULL", "18");
        assertFigures(noRate, "270", "1770");
        assertFigures(zeroRate, "270", "1770");
        assertFigures(rate28, "420", "1920");
        assertFigures(notApplicable, "0", "1500");
        assertFigures(unknownApplicable, "0", "1500");
        assertThat(api.get("/repairs?status=approved&from_date=2023-01-01&to_date=2023-01-31", admin).json().size())
                .isEqualTo(5);

        // a rate change alone never moves the amount it reported
        api.put("/repairs/" + rate28, admin, body("gst_percentage", 5));
        assertFigures(rate28, "420", "1920");
        assertThat(dec(row(rate28), "gst_amount")).isEqualByComparingTo("420");
        assertThat(dec(row(rate28), "total_cost")).isEqualByComparingTo("1920");

        // a cost change stores the reported amount with the new total
        api.put("/repairs/" + noRate, admin, body("labor_cost", 1000));
        assertFigures(noRate, "270", "2270");
        assertThat(dec(row(noRate), "gst_amount")).isEqualByComparingTo("270");
        assertThat(dec(row(noRate), "total_cost")).isEqualByComparingTo("2270");
    }

    /** A row as the old backend wrote it: parts 1000, labour 500, no total, gst_amount at its default 0. */
    private static UUID legacy(String applicable, String rate) {
        return api.sqlUuid("INSERT INTO repair_records (repair_number, organization_id, bus_registration, repair_date, "
                + "repair_type, description, parts_cost, labor_cost, gst_applicable, gst_percentage, status) "
                + "VALUES ('OLD', ?, 'KA01', '2023-01-15', 'repair', 'old', 1000, 500, " + applicable + ", " + rate
                + ", 'approved') RETURNING id", workshopOrg);
    }

    private static void assertFigures(UUID id, String gst, String total) {
        JsonNode j = api.get("/repairs/" + id, admin).json();
        assertThat(j.get("gst_amount").decimalValue()).as("gst_amount").isEqualByComparingTo(gst);
        assertThat(j.get("total_cost").decimalValue()).as("total_cost").isEqualByComparingTo(total);
    }

    @Test
    void onlyAdminsDelete() {
        UUID id = file(workshop, Map.of());
        Res byWorkshop = api.delete("/repairs/" + id, workshop);
        assertThat(byWorkshop.status()).isEqualTo(403);
        assertThat(byWorkshop.detail()).isEqualTo("Admin access required");
        assertThat(api.delete("/repairs/" + id, driver).status()).isEqualTo(403);
        Res r = api.delete("/repairs/" + id, admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Repair record deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM repair_records WHERE id = ?", id)).isEqualTo(0L);
        Res again = api.delete("/repairs/" + id, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Repair record not found");
    }
}
