package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import java.util.List;

/**
 * What a baseline found and did.
 *
 * @param report the live schema's differences from the snapshot once the names were aligned: what a
 *     forced baseline accepted (empty when the schema matched), with the advice on mapping it
 * @param aligned the renames the baseline made in the database, each from the database's name to
 *     the snapshot's ({@code RenameConstraint}, {@code RenameIndex}); empty unless it aligned names
 */
public record BaselineResult(DriftReport report, List<Operation> aligned) {

    public BaselineResult {
        aligned = List.copyOf(aligned);
    }
}
