package busmanager.invoices;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.Concurrently;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InvoicePaymentsTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-06-30T19:00:00Z")));
    static String admin;

    @BeforeAll
    static void users() {
        admin = api.newAdmin();
    }

    /** An invoice of 1000 + 18 % GST = 1180. */
    private static UUID invoice() {
        Res r = api.post("/invoices", admin, body("invoice_number", "P" + UUID.randomUUID(), "customer_name", "Cust",
                "line_items", List.of(body("description", "Charter", "quantity", 1, "unit_price", 1000))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    private static Map<String, Object> invoiceRow(UUID id) {
        return api.sqlRows("SELECT amount_paid, balance_due, total_amount, status::text AS status FROM invoices "
                + "WHERE id = ?", id).get(0);
    }

    private static long paymentCount(UUID id) {
        return (Long) api.sqlValue("SELECT count(*) FROM invoice_payments WHERE invoice_id = ?", id);
    }

    @Test
    void paymentIsRecordedWithDefaultsAndTheInvoiceReloaded() {
        UUID id = invoice();
        Res r = api.post("/invoices/" + id + "/payments", admin, body("amount", 500));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("id").asText()).isEqualTo(id.toString());
        assertThat(j.get("amount_paid").decimalValue()).isEqualByComparingTo("500");
        assertThat(j.get("balance_due").decimalValue()).isEqualByComparingTo("680");
        assertThat(j.get("status").asText()).isEqualTo("partial");
        JsonNode embedded = j.get("payments").get(0);
        assertThat(embedded.get("amount").decimalValue()).isEqualByComparingTo("500");
        // 19:00 UTC on 30 June is 1 July in India
        assertThat(embedded.get("payment_date").asText()).isEqualTo("2025-07-01");
        assertThat(embedded.get("payment_mode").asText()).isEqualTo("Cash");
        assertThat(embedded.has("reference_number")).isTrue();
        assertThat(embedded.has("notes")).isTrue();

        Map<String, Object> p = api.sqlRows("SELECT * FROM invoice_payments WHERE invoice_id = ?", id).get(0);
        assertThat((BigDecimal) p.get("amount")).isEqualByComparingTo("500");
        assertThat(p.get("payment_date").toString()).isEqualTo("2025-07-01");
        assertThat(p.get("payment_mode")).isEqualTo("Cash");
        assertThat(p.get("created_by")).isEqualTo(api.profileId(admin));
        Map<String, Object> inv = invoiceRow(id);
        assertThat((BigDecimal) inv.get("amount_paid")).isEqualByComparingTo("500");
        assertThat((BigDecimal) inv.get("balance_due")).isEqualByComparingTo("680");
        assertThat(inv.get("status")).isEqualTo("partial");

        Res rest = api.post("/invoices/" + id + "/payments", admin, body("amount", 680, "payment_date", "2025-06-15",
                "payment_mode", "UPI", "reference_number", "UTR123", "notes", "final"));
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.json().get("status").asText()).isEqualTo("paid");
        assertThat(invoiceRow(id).get("status")).isEqualTo("paid");
        assertThat((BigDecimal) invoiceRow(id).get("balance_due")).isEqualByComparingTo("0");
        Map<String, Object> upi = api.sqlRows(
                "SELECT * FROM invoice_payments WHERE invoice_id = ? AND payment_mode = 'UPI'", id).get(0);
        assertThat(upi).containsEntry("reference_number", "UTR123").containsEntry("notes", "final");
    }

    @Test
    void badAmountsAreRefused() {
        UUID id = invoice();
        String path = "/invoices/" + id + "/payments";
        for (Object amount : List.of(0, -5, -0.01)) {
            Res r = api.post(path, admin, body("amount", amount));
            assertThat(r.status()).as(String.valueOf(amount)).isEqualTo(400);
            assertThat(r.detail()).isEqualTo("Payment amount must be greater than 0");
        }
        Res missing = api.post(path, admin, body("payment_mode", "Cash"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("amount");
        assertThat(api.post(path, admin, body("amount", "lots")).status()).isEqualTo(422);
        assertThat(api.post(path, admin, body("amount", 10, "payment_date", "01/07/2025")).status()).isEqualTo(422);
        assertThat(api.post(path, admin, body("amount", 10, "payment_mode", "x".repeat(51))).status()).isEqualTo(422);

        Res tooMuch = api.post(path, admin, body("amount", 1180.01));
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.detail()).isEqualTo("Payment amount exceeds the balance due (1180)");
        assertThat(paymentCount(id)).isZero();
        assertThat(invoiceRow(id).get("status")).isEqualTo("draft");

        assertThat(api.post(path, admin, body("amount", 1180)).status()).isEqualTo(200);
        Res overpaid = api.post(path, admin, body("amount", 1));
        assertThat(overpaid.status()).isEqualTo(400);
        assertThat(overpaid.detail()).isEqualTo("Invoice is already fully paid");
        assertThat(paymentCount(id)).isEqualTo(1);

        Res unknown = api.post("/invoices/" + UUID.randomUUID() + "/payments", admin, body("amount", 1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("Invoice not found");
    }

    @Test
    void cancelledInvoicesTakeNoPayments() {
        UUID id = invoice();
        api.put("/invoices/" + id, admin, body("status", "cancelled"));
        Res r = api.post("/invoices/" + id + "/payments", admin, body("amount", 100));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo("Cannot record a payment for a cancelled invoice");
        assertThat(paymentCount(id)).isZero();
        assertThat(invoiceRow(id).get("status")).isEqualTo("cancelled");
    }

    @Test
    void paymentsAreListedNewestDateFirstThenLaterRecordedFirst() {
        UUID id = invoice();
        String path = "/invoices/" + id + "/payments";
        api.post(path, admin, body("amount", 1, "payment_date", "2025-05-01", "notes", "may first"));
        api.post(path, admin, body("amount", 2, "payment_date", "2025-06-01", "notes", "june first"));
        api.post(path, admin, body("amount", 3, "payment_date", "2025-05-01", "notes", "may second"));
        api.post(path, admin, body("amount", 4, "payment_date", "2025-06-01", "notes", "june second"));
        List<String> expected = List.of("june second", "june first", "may second", "may first");

        Res listed = api.get(path, admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(notes(listed.json())).isEqualTo(expected);
        JsonNode first = listed.json().get(0);
        assertThat(first.get("invoice_id").asText()).isEqualTo(id.toString());
        assertThat(first.get("created_by").asText()).isEqualTo(api.profileId(admin).toString());
        assertThat(first.has("created_at")).isTrue();
        assertThat(notes(api.get("/invoices/" + id, admin).json().get("payments"))).isEqualTo(expected);
    }

    private static List<String> notes(JsonNode payments) {
        List<String> out = new ArrayList<>();
        payments.forEach(p -> out.add(p.get("notes").asText()));
        return out;
    }

    @Test
    void deletingPaymentsMovesStatusBack() {
        UUID id = invoice();
        String path = "/invoices/" + id + "/payments";
        api.post(path, admin, body("amount", 500));
        api.post(path, admin, body("amount", 680));
        assertThat(invoiceRow(id).get("status")).isEqualTo("paid");
        List<UUID> ids = new ArrayList<>();
        api.sqlRows("SELECT id FROM invoice_payments WHERE invoice_id = ? ORDER BY position", id)
                .forEach(r -> ids.add((UUID) r.get("id")));

        Res r = api.delete(path + "/" + ids.get(1), admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Payment deleted successfully");
        assertThat(invoiceRow(id)).containsEntry("status", "partial");
        assertThat((BigDecimal) invoiceRow(id).get("amount_paid")).isEqualByComparingTo("500");
        assertThat((BigDecimal) invoiceRow(id).get("balance_due")).isEqualByComparingTo("680");

        assertThat(api.delete(path + "/" + ids.get(0), admin).status()).isEqualTo(200);
        assertThat(invoiceRow(id)).containsEntry("status", "sent");
        assertThat((BigDecimal) invoiceRow(id).get("amount_paid")).isEqualByComparingTo("0");
        assertThat((BigDecimal) invoiceRow(id).get("balance_due")).isEqualByComparingTo("1180");
        assertThat(paymentCount(id)).isZero();

        Res again = api.delete(path + "/" + ids.get(0), admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Payment not found");
        assertThat(api.delete(path + "/not-an-id", admin).detail()).isEqualTo("Payment not found");
    }

    @Test
    void aPaymentOfAnotherInvoiceIsNotFound() {
        UUID mine = invoice();
        UUID other = invoice();
        api.post("/invoices/" + other + "/payments", admin, body("amount", 100));
        UUID payment = api.sqlUuid("SELECT id FROM invoice_payments WHERE invoice_id = ?", other);
        Res r = api.delete("/invoices/" + mine + "/payments/" + payment, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.detail()).isEqualTo("Payment not found");
        assertThat(paymentCount(other)).isEqualTo(1);
        assertThat((BigDecimal) invoiceRow(other).get("amount_paid")).isEqualByComparingTo("100");
        Res unknownInvoice = api.delete("/invoices/" + UUID.randomUUID() + "/payments/" + payment, admin);
        assertThat(unknownInvoice.status()).isEqualTo(404);
        assertThat(unknownInvoice.detail()).isEqualTo("Invoice not found");
    }

    @Test
    void twoPaymentsAtOnceAreBothCounted() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID id = invoice();
            List<Res> results = Concurrently.send(2, i -> api.post("/invoices/" + id + "/payments", admin,
                    body("amount", i == 0 ? 400 : 780)));
            assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
            assertThat(paymentCount(id)).isEqualTo(2);
            Map<String, Object> inv = invoiceRow(id);
            assertThat((BigDecimal) inv.get("amount_paid")).isEqualByComparingTo("1180");
            assertThat((BigDecimal) inv.get("balance_due")).isEqualByComparingTo("0");
            assertThat(inv.get("status")).isEqualTo("paid");
        }
    }

    @Test
    void concurrentPaymentsNeverExceedTheTotal() throws Exception {
        UUID id = invoice();
        List<Res> results = Concurrently.send(6, i -> api.post("/invoices/" + id + "/payments", admin,
                body("amount", 300)));
        assertThat(results.stream().filter(r -> r.status() == 200)).hasSize(3);
        assertThat(results.stream().filter(r -> r.status() == 400)).hasSize(3)
                .allSatisfy(r -> assertThat(r.detail()).startsWith("Payment amount exceeds the balance due"));
        Map<String, Object> inv = invoiceRow(id);
        assertThat((BigDecimal) inv.get("amount_paid")).isEqualByComparingTo("900");
        assertThat((BigDecimal) inv.get("balance_due")).isEqualByComparingTo("280");
        assertThat(inv.get("status")).isEqualTo("partial");
        assertThat(paymentCount(id)).isEqualTo(3);
    }
}
