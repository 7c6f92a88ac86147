package io.driftloop.console.api;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Number formats the pages use: {@code {x.oneDecimal}}. */
@TemplateExtension
public final class Formats {

    private Formats() {
    }

    static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String threeDecimals(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String threeDecimals(Double value) {
        return value == null ? "—" : threeDecimals(value.doubleValue());
    }
}
