package busmanager.settings;

import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import java.math.BigDecimal;

/** Setting values are text; a number or boolean sent by a client is stored as its text. */
final class SettingValues {
    private SettingValues() {
    }

    /** The value as text; absent or null is {@code ""} (api.md §15.3). */
    static String text(JsonBody body, String key, int maxLength) {
        if (!body.hasValue(key)) {
            return "";
        }
        try {
            return body.text(key, maxLength);
        } catch (ApiException notText) {
            try {
                BigDecimal number = body.decimal(key);
                if (number != null) {
                    return number.toPlainString();
                }
            } catch (ApiException notNumber) {
                // fall through to boolean
            }
            try {
                Boolean flag = body.bool(key);
                if (flag != null) {
                    return flag.toString();
                }
            } catch (ApiException notBoolean) {
                // neither: report the original problem
            }
            throw notText;
        }
    }
}
