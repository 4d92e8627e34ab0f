package busmanager.repairs;

import java.math.BigDecimal;

/**
 * GST amount and total cost of a repair record (api.md §13, domain §9.7). The GST amount is the one the
 * workshop typed; it is computed from the rate only when none is sent on create, and kept on later updates
 * unless a new one is sent. The total is parts + labour + GST amount. All arithmetic is exact.
 */
final class RepairMoney {
    private RepairMoney() {
    }

    record Figures(BigDecimal gstAmount, BigDecimal totalCost) {
    }

    /** On create: the sent GST amount, or (parts + labour) × rate / 100 when GST applies, else 0. */
    static Figures onCreate(BigDecimal parts, BigDecimal labor, boolean gstApplicable, BigDecimal gstPercentage,
                            BigDecimal sentGst) {
        BigDecimal gst = sentGst != null ? sentGst
                : gstApplicable ? parts.add(labor).multiply(gstPercentage).movePointLeft(2) : BigDecimal.ZERO;
        return new Figures(gst, parts.add(labor).add(gst));
    }

    /**
     * On update: {@code currentGst} is what the record reports now (for a row of the old backend, the computed
     * amount). Null arguments mean "not in the request". Returns the figures after the update.
     */
    static Figures onUpdate(BigDecimal currentParts, BigDecimal currentLabor, BigDecimal currentGst,
                            BigDecimal newParts, BigDecimal newLabor, BigDecimal sentGst) {
        BigDecimal parts = newParts != null ? newParts : currentParts;
        BigDecimal labor = newLabor != null ? newLabor : currentLabor;
        BigDecimal gst = sentGst != null ? sentGst : currentGst;
        return new Figures(gst, parts.add(labor).add(gst));
    }
}
