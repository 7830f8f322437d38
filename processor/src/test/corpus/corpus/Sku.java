package corpus;

/** A value kept through a converter. */
public record Sku(String code) {}
