package dev.driftless.diff;

import dev.driftless.model.QualifiedName;
import dev.driftless.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which tables and views a view reads, found by scanning the identifiers of its query (string
 * literals and comments skipped; unquoted names folded to lower case as PostgreSQL folds them).
 * Seeing a dependency that is not there only makes a view be rebuilt once more than needed, so the
 * scan errs on that side: any identifier equal to a relation's name counts.
 */
public final class ViewDependencies {

    private ViewDependencies() {}

    /** The relations among {@code candidates} that the query of {@code view} names. */
    public static Set<QualifiedName> referenced(View view, Set<QualifiedName> candidates) {
        Set<String> identifiers = identifiers(view.query());
        var out = new HashSet<QualifiedName>();
        for (QualifiedName c : candidates) {
            if (!c.equals(view.name()) && identifiers.contains(c.name())) {
                out.add(c);
            }
        }
        return out;
    }

    /** The views ordered so that every view comes after the views it reads; otherwise by name. */
    public static List<View> creationOrder(List<View> views) {
        Map<QualifiedName, View> byName = new LinkedHashMap<>();
        views.forEach(v -> byName.put(v.name(), v));
        Map<QualifiedName, Set<QualifiedName>> needs = new LinkedHashMap<>();
        for (View v : views) {
            needs.put(v.name(), referenced(v, byName.keySet()));
        }
        var ordered = new ArrayList<View>();
        var placed = new HashSet<QualifiedName>();
        while (ordered.size() < views.size()) {
            View next = views.stream()
                    .filter(v -> !placed.contains(v.name()) && placed.containsAll(needs.get(v.name())))
                    .findFirst()
                    // A cycle can only come from an identifier that is not really a reference.
                    .orElseGet(() -> views.stream().filter(v -> !placed.contains(v.name())).findFirst().orElseThrow());
            ordered.add(next);
            placed.add(next.name());
        }
        return List.copyOf(ordered);
    }

    /** The identifiers an SQL text names (unquoted ones folded to lower case). */
    public static Set<String> identifiers(String sql) {
        var out = new HashSet<String>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"') {
                int end = skipQuoted(sql, i, '"');
                out.add(sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        return out;
    }

    /** The index just past the closing quote of the quoted text starting at {@code start}. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
