package busmanager.invoices;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invoice figures (domain §8.3, §8.4) as stored in the database after a sequence of changes through the API.
 * Lines are written {@code "q x p @g [incl] [ded]"}; actions are {@code pay <amount>}, {@code unpay <index>}
 * (a payment in the order recorded), {@code add <line>}, {@code del <index>} (a line in creation order),
 * {@code put <line>; <line>} (replace all lines) and {@code status <value>}.
 */
class InvoiceTotalsTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();
    static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static String admin;

    @BeforeAll
    static void users() {
        admin = api.newAdmin();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // name, lines, actions, subtotal, gst, total, paid, balance, status
                row("exclusive 18%", List.of("1 x 1000 @18"), List.of(),
                        "1000", "180", "1180", "0", "1180", "draft"),
                row("inclusive 18%: base is divided, not rounded", List.of("1 x 1000 @18 incl"), List.of(),
                        "847.4576271186441", "152.5423728813559", "1000", "0", "1000", "draft"),
                row("inclusive 5% divides exactly", List.of("2 x 525 @5 incl"), List.of(),
                        "1000", "50", "1050", "0", "1050", "draft"),
                row("inclusive, exclusive and a deduction", List.of("1 x 1000 @18 incl", "2 x 250 @12",
                        "1 x 100 @18 ded"), List.of(),
                        "1247.4576271186441", "194.5423728813559", "1442", "0", "1442", "draft"),
                row("online app: inclusive fare less inclusive commission", List.of("1 x 5000 @5 incl",
                        "1 x 590 @18 incl ded"), List.of(),
                        "4261.904761904762", "148.095238095238", "4410", "0", "4410", "draft"),
                row("no GST", List.of("3 x 33.33 @0"), List.of(),
                        "99.99", "0", "99.99", "0", "99.99", "draft"),
                row("fractional quantity", List.of("2.5 x 40.4 @12"), List.of(),
                        "101", "12.12", "113.12", "0", "113.12", "draft"),
                row("no lines", List.of(), List.of(),
                        "0", "0", "0", "0", "0", "draft"),
                row("partial payment", List.of("1 x 1000 @18"), List.of("pay 500"),
                        "1000", "180", "1180", "500", "680", "partial"),
                row("paid in two payments", List.of("1 x 1000 @18"), List.of("pay 500", "pay 680"),
                        "1000", "180", "1180", "1180", "0", "paid"),
                row("inclusive invoice paid in full", List.of("1 x 1000 @18 incl"), List.of("pay 1000"),
                        "847.4576271186441", "152.5423728813559", "1000", "1000", "0", "paid"),
                row("paying a fraction of a rupee", List.of("1 x 1000 @18 incl"), List.of("pay 999.99"),
                        "847.4576271186441", "152.5423728813559", "1000", "999.99", "0.01", "partial"),
                row("removing one of two payments", List.of("1 x 1000 @18"), List.of("pay 500", "pay 680", "unpay 1"),
                        "1000", "180", "1180", "500", "680", "partial"),
                row("removing the only payment", List.of("1 x 1000 @18"), List.of("pay 100", "unpay 0"),
                        "1000", "180", "1180", "0", "1180", "sent"),
                row("removing the payment of a draft keeps draft", List.of("1 x 1000 @18"),
                        List.of("pay 100", "status draft", "unpay 0"),
                        "1000", "180", "1180", "0", "1180", "draft"),
                row("cancelled stays cancelled", List.of("1 x 1000 @18"),
                        List.of("pay 100", "status cancelled", "unpay 0"),
                        "1000", "180", "1180", "0", "1180", "cancelled"),
                row("cancelled: lines still counted", List.of("1 x 1000 @18"),
                        List.of("status cancelled", "add 1 x 100 @0"),
                        "1100", "180", "1280", "0", "1280", "cancelled"),
                row("line added after full payment reopens", List.of("1 x 1000 @18"),
                        List.of("pay 1180", "add 1 x 100 @18"),
                        "1100", "198", "1298", "1180", "118", "partial"),
                row("line deleted settles a partial invoice", List.of("1 x 1000 @18", "1 x 100 @0"),
                        List.of("pay 1180", "del 1"),
                        "1000", "180", "1180", "1180", "0", "paid"),
                row("lines replaced under a payment", List.of("1 x 1000 @18"),
                        List.of("pay 500", "put 1 x 2000 @18 incl; 1 x 118 @18 incl ded"),
                        "1594.915254237288", "287.084745762712", "1882", "500", "1382", "partial"),
                row("sent stays sent when lines change", List.of("1 x 1000 @18"),
                        List.of("status sent", "add 1 x 10 @0", "del 0"),
                        "10", "0", "10", "0", "10", "sent"),
                row("manual paid without payments survives line edits", List.of("1 x 1000 @18"),
                        List.of("status paid", "add 1 x 10 @0"),
                        "1010", "180", "1190", "0", "1190", "paid"));
    }

    private static Arguments row(String name, List<String> lines, List<String> actions, String subtotal, String gst,
                                 String total, String paid, String balance, String status) {
        return Arguments.of(name, lines, actions, subtotal, gst, total, paid, balance, status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void storedFiguresFollowTheRows(String name, List<String> lines, List<String> actions, String subtotal,
                                    String gst, String total, String paid, String balance, String status)
            throws Exception {
        List<Object> items = new ArrayList<>();
        lines.forEach(l -> items.add(line(l)));
        Res created = api.post("/invoices", admin, body("invoice_number", "T" + UUID.randomUUID(),
                "customer_name", name, "line_items", items));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        UUID id = UUID.fromString(created.json().get("id").asText());
        String base = "/invoices/" + id;
        List<UUID> payments = new ArrayList<>();
        for (String action : actions) {
            String arg = action.substring(action.indexOf(' ') + 1);
            Res r = switch (action.substring(0, action.indexOf(' '))) {
                case "pay" -> api.post(base + "/payments", admin, body("amount", new BigDecimal(arg)));
                case "unpay" -> api.delete(base + "/payments/" + payments.get(Integer.parseInt(arg)), admin);
                case "add" -> api.post(base + "/line-items", admin, line(arg));
                case "del" -> api.delete(base + "/line-items/" + lineIds(id).get(Integer.parseInt(arg)), admin);
                case "put" -> {
                    List<Object> replaced = new ArrayList<>();
                    for (String l : arg.split(";")) {
                        replaced.add(line(l.strip()));
                    }
                    yield api.put(base, admin, body("line_items", replaced));
                }
                case "status" -> api.put(base, admin, body("status", arg));
                default -> throw new IllegalArgumentException(action);
            };
            assertThat(r.status()).as(action + ": " + r).isEqualTo(200);
            if (action.startsWith("pay ")) {
                payments.add(api.sqlUuid("SELECT id FROM invoice_payments WHERE invoice_id = ? "
                        + "ORDER BY position DESC LIMIT 1", id));
            }
        }

        Map<String, Object> row = api.sqlRows("SELECT subtotal, gst_amount, total_amount, amount_paid, balance_due, "
                + "status::text AS status FROM invoices WHERE id = ?", id).get(0);
        assertThat((BigDecimal) row.get("subtotal")).as("subtotal").isEqualByComparingTo(subtotal);
        assertThat((BigDecimal) row.get("gst_amount")).as("gst_amount").isEqualByComparingTo(gst);
        assertThat((BigDecimal) row.get("total_amount")).as("total_amount").isEqualByComparingTo(total);
        assertThat((BigDecimal) row.get("amount_paid")).as("amount_paid").isEqualByComparingTo(paid);
        assertThat((BigDecimal) row.get("balance_due")).as("balance_due").isEqualByComparingTo(balance);
        assertThat(row.get("status")).isEqualTo(status);

        // Every stored figure agrees with the rows it comes from.
        Map<String, Object> sums = api.sqlRows("SELECT "
                + "COALESCE(SUM(CASE WHEN is_deduction THEN -base_amount ELSE base_amount END), 0) AS sub, "
                + "COALESCE(SUM(CASE WHEN is_deduction THEN -gst_amount ELSE gst_amount END), 0) AS gst, "
                + "(SELECT COALESCE(SUM(amount), 0) FROM invoice_payments WHERE invoice_id = ?) AS paid, "
                + "bool_and(amount = base_amount + gst_amount) AS consistent "
                + "FROM invoice_line_items WHERE invoice_id = ?", id, id).get(0);
        assertThat((BigDecimal) row.get("subtotal")).isEqualByComparingTo((BigDecimal) sums.get("sub"));
        assertThat((BigDecimal) row.get("gst_amount")).isEqualByComparingTo((BigDecimal) sums.get("gst"));
        assertThat((BigDecimal) row.get("amount_paid")).isEqualByComparingTo((BigDecimal) sums.get("paid"));
        assertThat(sums.get("consistent")).isNotEqualTo(false);

        // The API reports exactly what is stored (read without going through double).
        JsonNode reloaded = EXACT.readTree(api.get(base, admin).body());
        assertThat(reloaded.get("subtotal").decimalValue()).isEqualByComparingTo(subtotal);
        assertThat(reloaded.get("gst_amount").decimalValue()).isEqualByComparingTo(gst);
        assertThat(reloaded.get("total_amount").decimalValue()).isEqualByComparingTo(total);
        assertThat(reloaded.get("amount_paid").decimalValue()).isEqualByComparingTo(paid);
        assertThat(reloaded.get("balance_due").decimalValue()).isEqualByComparingTo(balance);
        assertThat(reloaded.get("status").asText()).isEqualTo(status);
    }

    private static List<UUID> lineIds(UUID invoiceId) {
        List<UUID> ids = new ArrayList<>();
        api.sqlRows("SELECT id FROM invoice_line_items WHERE invoice_id = ? ORDER BY position", invoiceId)
                .forEach(r -> ids.add((UUID) r.get("id")));
        return ids;
    }

    /** "q x p @g [incl] [ded]" as a request line item. */
    private static Map<String, Object> line(String spec) {
        String[] parts = spec.split(" ");
        return body("description", spec, "quantity", new BigDecimal(parts[0]), "unit_price", new BigDecimal(parts[2]),
                "gst_percentage", new BigDecimal(parts[3].substring(1)), "rate_includes_gst", spec.contains(" incl"),
                "is_deduction", spec.contains(" ded"), "amount", 999999, "base_amount", 1, "gst_amount", 2);
    }
}
