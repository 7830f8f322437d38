package dev.driftless.cli;

/**
 * A {@code --to} value: a version number ({@code 3}), or a number of versions above or below the
 * version the database is at when the command starts ({@code +1}, {@code -1}), as Alembic reads them.
 */
record Target(boolean relative, int amount, String text) {

    /** Reads {@code N}, {@code +N} or {@code -N}; anything else is bad usage. */
    static Target parse(String option, String text) {
        String value = text.strip();
        boolean relative = value.startsWith("+") || value.startsWith("-");
        try {
            int amount = Integer.parseInt(relative ? value.substring(1) : value);
            if (amount < 0 || relative && value.substring(1).startsWith("+")) {
                throw new NumberFormatException();
            }
            return new Target(relative, value.startsWith("-") ? -amount : amount, value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a version (3), or a number of versions up or down from the"
                    + " database's version (+1, -1), not '" + text + "'");
        }
    }

    /** Whether the text looks like a relative target given without {@code --to}: {@code +1}, {@code -2}. */
    static boolean isRelative(String arg) {
        return arg.length() > 1 && (arg.charAt(0) == '+' || arg.charAt(0) == '-')
                && arg.substring(1).chars().allMatch(Character::isDigit);
    }

    /**
     * The version {@code migrate} goes to from {@code current}; {@code latest} is the code's latest.
     *
     * @throws UsageException when the target is below the database's version, which is downgrade's
     * @throws Refusal when it is above the code's latest version
     */
    int up(int current, int latest) {
        if (!relative) {
            return amount;
        }
        if (amount < 0) {
            throw new UsageException("migrate goes up: to go " + -amount + " version" + (amount == -1 ? "" : "s")
                    + " down, run downgrade " + text);
        }
        int target = current + amount;
        if (target > latest) {
            throw new Refusal("the database is at version " + current + " and the code's latest version is " + latest
                    + ": " + text + " would go to version " + target + ", which the code does not have; "
                    + (current >= latest ? "nothing is pending" : "run migrate to apply the " + (latest - current)
                    + " pending version" + (latest - current == 1 ? "" : "s")));
        }
        return target;
    }

    /**
     * The version {@code downgrade} goes to from {@code current}.
     *
     * @throws UsageException when the target is above the database's version, which is migrate's
     * @throws Refusal when it is below version 0
     */
    int down(int current) {
        if (!relative) {
            return amount;
        }
        if (amount > 0) {
            throw new UsageException("downgrade goes down: to go " + amount + " version" + (amount == 1 ? "" : "s")
                    + " up, run migrate " + text);
        }
        int target = current + amount;
        if (target < 0) {
            throw new Refusal("the database is at version " + current + ": " + text + " would go below version 0;"
                    + " downgrade --to 0 reverts every version");
        }
        return target;
    }
}
