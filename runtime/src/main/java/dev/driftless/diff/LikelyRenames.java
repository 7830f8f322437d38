package dev.driftless.diff;

import dev.driftless.diff.Operation.AddColumn;
import dev.driftless.diff.Operation.DropColumn;
import dev.driftless.model.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops and adds that look like a rename nobody declared: in one table, a column goes and another
 * of the same type comes. Left as they are they lose the column's rows, so they are reported.
 */
public final class LikelyRenames {

    /** A dropped column and an added one of the same type in the same table. */
    public record LikelyRename(QualifiedName table, String dropped, String added) {}

    private LikelyRenames() {}

    public static List<LikelyRename> in(List<Operation> operations) {
        var found = new ArrayList<LikelyRename>();
        for (Operation op : operations) {
            if (op instanceof DropColumn drop) {
                for (Operation other : operations) {
                    if (other instanceof AddColumn add && add.table().equals(drop.table())
                            && add.column().type().equals(drop.column().type())) {
                        found.add(new LikelyRename(drop.table(), drop.column().name(), add.column().name()));
                    }
                }
            }
        }
        return List.copyOf(found);
    }
}
