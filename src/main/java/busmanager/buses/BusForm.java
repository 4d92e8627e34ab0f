package busmanager.buses;

import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a bus body (api.md §3.3/§3.4) into the columns to write, and checks the ownership rules of domain.md
 * §6.1 on the row as it will be after the write: an owned bus has no partner and keeps 100/0 shares; a
 * partnership names its partner and its shares add up to 100.
 */
final class BusForm {
    static final Set<String> STATUSES = Set.of("active", "maintenance", "inactive");
    static final Set<String> OWNERSHIP_TYPES = Set.of("owned", "partnership");
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final List<String> OWNERSHIP_KEYS = List.of("ownership_type", "partner_name",
            "company_profit_share", "partner_profit_share");

    /** One column to write; {@code pgType} is set for enum columns. */
    record Column(String name, Object value, String pgType) {
    }

    /** The ownership fields as stored, or the defaults of a new bus. */
    record Ownership(String type, String partnerName, BigDecimal companyShare, BigDecimal partnerShare) {
        static final Ownership NEW_BUS = new Ownership("owned", null, HUNDRED, BigDecimal.ZERO);

        static Ownership of(Map<String, Object> row) {
            return new Ownership((String) row.get("ownership_type"), (String) row.get("partner_name"),
                    (BigDecimal) row.get("company_profit_share"), (BigDecimal) row.get("partner_profit_share"));
        }
    }

    private final List<Column> columns = new ArrayList<>();
    private final UUID homeStateId;

    private BusForm(JsonBody body, boolean create, Ownership before) {
        if (create || body.has("registration_number")) {
            add("registration_number", body.requiredText("registration_number", 50).strip());
        }
        text(body, "bus_name", 200);
        text(body, "bus_type", 100);
        if (body.has("capacity")) {
            Integer capacity = notNull(body, "capacity", body.integer("capacity"));
            if (capacity < 1 || capacity > 1000) {
                throw ApiException.invalidField("capacity", "Input should be between 1 and 1000");
            }
            add("capacity", capacity);
        }
        if (body.has("status")) {
            columns.add(new Column("status", notNull(body, "status", body.enumValue("status", STATUSES)),
                    "bus_status"));
        }
        for (String date : List.of("insurance_expiry", "puc_expiry", "fitness_expiry", "last_tax_paid_date",
                "next_tax_due_date")) {
            if (body.has(date)) {
                add(date, body.date(date));
            }
        }
        homeStateId = body.uuid("home_state_id");
        if (body.has("home_state_id")) {
            add("home_state_id", homeStateId);
        }
        if (body.has("monthly_tax_amount")) {
            // The bus form sends null for "no tax"; store the default 0 (api.md §3.3 [GAP]).
            BigDecimal amount = body.nonNegativeDecimal("monthly_tax_amount");
            add("monthly_tax_amount", amount == null ? BigDecimal.ZERO : amount);
        }
        if (body.has("tax_due_day")) {
            Integer day = body.integer("tax_due_day");
            if (day != null && (day < 1 || day > 28)) {
                throw ApiException.invalidField("tax_due_day", "Input should be between 1 and 28");
            }
            // null on create means the default day 1; on update it clears the day.
            add("tax_due_day", day == null && create ? Integer.valueOf(1) : day);
        }
        // An update that leaves the ownership fields alone does not re-judge them (old rows may break the rules).
        if (create || OWNERSHIP_KEYS.stream().anyMatch(body::has)) {
            ownership(body, before);
        }
    }

    /** The columns of a new bus; keys not sent keep the column defaults. */
    static BusForm forCreate(JsonBody body) {
        return new BusForm(body, true, Ownership.NEW_BUS);
    }

    /** The columns a partial update writes, checked against the stored ownership fields. */
    static BusForm forUpdate(JsonBody body, Ownership stored) {
        return new BusForm(body, false, stored);
    }

    List<Column> columns() {
        return columns;
    }

    /** The home state named in the body, or null; the caller checks that it exists. */
    UUID homeStateId() {
        return homeStateId;
    }

    private void ownership(JsonBody body, Ownership before) {
        String type = body.has("ownership_type")
                ? notNull(body, "ownership_type", body.enumValue("ownership_type", OWNERSHIP_TYPES))
                : before.type();
        boolean sentName = body.has("partner_name");
        boolean sentCompany = body.has("company_profit_share");
        boolean sentPartner = body.has("partner_profit_share");
        String partnerName = sentName ? blankToNull(body.text("partner_name", 200)) : before.partnerName();
        BigDecimal company = sentCompany ? shareOrDefault(body, "company_profit_share", HUNDRED)
                : before.companyShare();
        BigDecimal partner = sentPartner ? shareOrDefault(body, "partner_profit_share", BigDecimal.ZERO)
                : before.partnerShare();

        if (type.equals("owned")) {
            if ((sentName && partnerName != null)
                    || (sentCompany && company.compareTo(HUNDRED) != 0)
                    || (sentPartner && partner.signum() != 0)) {
                throw ApiException.badRequest(
                        "An owned bus has no partner: company share must be 100 and partner share 0");
            }
            // Becoming (or staying) owned resets whatever partnership data was stored.
            partnerName = null;
            company = HUNDRED;
            partner = BigDecimal.ZERO;
        } else {
            if (partnerName == null || partnerName.isBlank()) {
                throw ApiException.badRequest("Partner name is required for partnership buses");
            }
            if (company.add(partner).compareTo(HUNDRED) != 0) {
                throw ApiException.badRequest("Company and partner profit shares must add up to 100");
            }
        }
        if (!type.equals(before.type()) || body.has("ownership_type")) {
            columns.add(new Column("ownership_type", type, "ownership_type"));
        }
        if (!equal(partnerName, before.partnerName()) || sentName) {
            add("partner_name", partnerName);
        }
        if (company.compareTo(before.companyShare()) != 0 || sentCompany) {
            add("company_profit_share", company);
        }
        if (partner.compareTo(before.partnerShare()) != 0 || sentPartner) {
            add("partner_profit_share", partner);
        }
    }

    private static BigDecimal shareOrDefault(JsonBody body, String key, BigDecimal whenNull) {
        BigDecimal share = body.nonNegativeDecimal(key);
        if (share != null && share.compareTo(HUNDRED) > 0) {
            throw ApiException.invalidField(key, "Input should be less than or equal to 100");
        }
        return share == null ? whenNull : share;
    }

    private void text(JsonBody body, String key, int maxLength) {
        if (body.has(key)) {
            add(key, body.text(key, maxLength));
        }
    }

    private void add(String column, Object value) {
        columns.add(new Column(column, value, null));
    }

    /** A key sent as null for a NOT NULL column is a validation error, not a 500. */
    private static <T> T notNull(JsonBody body, String key, T value) {
        if (value == null) {
            throw ApiException.invalidField(key, body.has(key) ? "Input should not be null" : "Field required");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean equal(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
