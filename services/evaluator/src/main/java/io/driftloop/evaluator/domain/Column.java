package io.driftloop.evaluator.domain;

/**
 * One value per test row of an attribute or categorical feature (or of an intersection of two
 * attributes), used to slice the rows and to form fairness groups. A row without the value holds
 * {@link #MISSING}.
 */
public record Column(String name, String[] values) {

    /** Group of the rows that do not carry the value. */
    public static final String MISSING = "(missing)";

    /** Separates the two values of an intersection, as in {@code f×north}, and the two names, as in {@code gender×region}. */
    public static final String CROSS = "×";

    public Column {
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = MISSING;
            }
        }
    }

    /** The intersection of two columns: every row's pair of values. */
    public static Column cross(Column a, Column b) {
        String[] v = new String[a.values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.values[i] + CROSS + b.values[i];
        }
        return new Column(a.name + CROSS + b.name, v);
    }
}
