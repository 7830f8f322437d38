package dev.driftless.diff;

import dev.driftless.model.QualifiedName;
import dev.driftless.model.View;
import dev.driftless.sql.Identifiers;
import dev.driftless.sql.SqlLexer;
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

    /**
     * The identifiers an SQL text names, as PostgreSQL reads them: unquoted ones folded to lower case
     * (ASCII letters only, as PostgreSQL folds them), quoted ones as written, {@code U&"..."} ones with
     * their escapes decoded.
     */
    public static Set<String> identifiers(String sql) {
        var out = new HashSet<String>();
        List<SqlLexer.Token> tokens = SqlLexer.tokens(sql);
        for (int k = 0; k < tokens.size(); k++) {
            SqlLexer.Token t = tokens.get(k);
            String text = t.text(sql);
            if (t.kind() == SqlLexer.Kind.IDENTIFIER) {
                out.add(Identifiers.fold(text));
                // What a reader that folds every letter would name: seeing one too many only costs a rebuild.
                out.add(text.toLowerCase(Locale.ROOT));
            } else if (t.kind() == SqlLexer.Kind.QUOTED_IDENTIFIER && text.startsWith("\"")) {
                out.add(Identifiers.unquote(text));
            } else if (t.kind() == SqlLexer.Kind.QUOTED_IDENTIFIER) {
                out.add(Identifiers.unquoteUnicode(text, uescape(sql, tokens, k + 1)));
            }
        }
        return out;
    }

    /** The escape character a {@code UESCAPE 'c'} after a {@code U&"..."} names, or the default backslash. */
    private static char uescape(String sql, List<SqlLexer.Token> tokens, int from) {
        List<SqlLexer.Token> next = tokens.subList(from, tokens.size()).stream()
                .filter(t -> t.kind() != SqlLexer.Kind.WHITESPACE && !t.isComment()).limit(2).toList();
        if (next.size() == 2 && next.get(0).kind() == SqlLexer.Kind.IDENTIFIER
                && Identifiers.fold(next.get(0).text(sql)).equals("uescape") && next.get(1).kind() == SqlLexer.Kind.STRING) {
            String literal = next.get(1).text(sql);
            if (literal.length() == 3) {
                return literal.charAt(1);
            }
        }
        return '\\';
    }
}
