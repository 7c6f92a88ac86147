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

    /** A content address shortened for reading: {@code sha256:abcdef12…} → {@code abcdef12}. */
    static String shortId(String id) {
        if (id == null) {
            return "—";
        }
        String bare = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return bare.length() <= 12 ? bare : bare.substring(0, 12);
    }

    /** A verdict as the pages say it: passed, failed, undecidable. */
    static String word(io.driftloop.contracts.events.Verdict verdict) {
        return verdict == null ? "—" : verdict.name().toLowerCase(Locale.ROOT);
    }

    /** A share as a percentage with one decimal. */
    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value * 100);
    }

    /** A share as a percentage with one decimal; a dash when absent. */
    static String percent(Double value) {
        return value == null ? "—" : percent(value.doubleValue());
    }
}
