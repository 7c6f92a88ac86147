package io.driftloop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file with a header, read whole: its columns and rows of text cells, and what each column
 * holds (numbers when every non-empty cell parses as one, categories otherwise). Quoted cells with
 * commas and doubled quotes are read as RFC 4180 writes them.
 */
public record CsvTable(List<String> columns, List<List<String>> rows) {

    /** Categorical columns with more distinct values than this are refused as features. */
    static final int MAX_CATEGORIES = 64;

    public static CsvTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: expected a header line and rows");
        }
        List<String> header = split(lines.get(0)).stream().map(String::strip).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " has " + cells.size() + " cells, the header "
                        + header.size());
            }
            rows.add(cells.stream().map(String::strip).toList());
        }
        return new CsvTable(header, rows);
    }

    /** The index of {@code column}; throws naming the columns there are when it is absent. */
    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "'; the columns are " + columns);
        }
        return i;
    }

    /** Whether every non-empty cell of the column is a number. */
    public boolean numeric(int column) {
        return rows.stream().map(r -> r.get(column)).filter(c -> !c.isEmpty()).allMatch(CsvTable::isNumber);
    }

    /** The distinct non-empty values of the column, in first-seen order. */
    public Set<String> values(int column) {
        Set<String> v = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (!r.get(column).isEmpty()) {
                v.add(r.get(column));
            }
        });
        return v;
    }

    /** The cells of one row by column name. */
    public Map<String, String> row(int i) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            m.put(columns.get(c), rows.get(i).get(c));
        }
        return m;
    }

    static boolean isNumber(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
