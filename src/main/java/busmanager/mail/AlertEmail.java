package busmanager.mail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The HTML of an alert e-mail (a heading, a line of context, one table, a closing line) and its formats. */
public final class AlertEmail {
    private static final DateTimeFormatter INDIAN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private AlertEmail() {
    }

    public static String html(String heading, String intro, List<String> columns, List<List<String>> rows,
                              String closing) {
        StringBuilder h = new StringBuilder(1024 + rows.size() * 160);
        h.append("<!DOCTYPE html><html><body style=\"font-family:Arial,sans-serif;color:#1f2937\">")
                .append("<h2 style=\"color:#b91c1c\">").append(escape(heading)).append("</h2>")
                .append("<p>").append(escape(intro)).append("</p>")
                .append("<table style=\"border-collapse:collapse\" cellpadding=\"6\" border=\"1\"><tr>");
        for (String c : columns) {
            h.append("<th style=\"background:#f3f4f6;text-align:left\">").append(escape(c)).append("</th>");
        }
        h.append("</tr>");
        for (List<String> row : rows) {
            h.append("<tr>");
            for (String cell : row) {
                h.append("<td>").append(escape(cell)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table><p>").append(escape(closing)).append("</p>")
                .append("<p style=\"color:#6b7280;font-size:12px\">This is an automated alert from BusManager.</p>")
                .append("</body></html>");
        return h.toString();
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    public static String date(LocalDate d) {
        return d == null ? "-" : d.format(INDIAN_DATE);
    }

    /** Rupees with Indian digit grouping (12,34,567.50); "N/A" when there is no amount. */
    public static String rupees(BigDecimal amount) {
        if (amount == null) {
            return "N/A";
        }
        BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
        String plain = rounded.abs().toPlainString();
        String whole = plain.substring(0, plain.indexOf('.'));
        String fraction = plain.substring(plain.indexOf('.'));
        StringBuilder grouped = new StringBuilder();
        int len = whole.length();
        for (int i = 0; i < len; i++) {
            grouped.append(whole.charAt(i));
            int left = len - 1 - i;
            if (left > 0 && (left == 3 || left > 3 && (left - 3) % 2 == 0)) {
                grouped.append(',');
            }
        }
        return (rounded.signum() < 0 ? "-" : "") + "₹" + grouped + fraction;
    }
}
