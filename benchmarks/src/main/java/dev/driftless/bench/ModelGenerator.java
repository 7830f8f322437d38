package dev.driftless.bench;

import dev.driftless.bench.ModelSpec.Entity;
import dev.driftless.bench.ModelSpec.Field;
import dev.driftless.bench.ModelSpec.FieldType;
import dev.driftless.bench.ModelSpec.IndexSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic but realistic models, deterministic for a seed: entities of about a dozen mixed-type
 * columns (one unique, one enum), two indexes, up to two foreign keys to earlier entities; and
 * their evolution, version by version, the way a service's model grows.
 */
final class ModelGenerator {

    private static final String[] NOUNS = {"customer", "invoice", "shipment", "product", "account", "device",
        "reading", "contract", "payment", "station", "batch", "ticket"};

    /** The kinds of change a later version makes, beside adding one entity. */
    enum Change { ADD_COLUMN, ADD_INDEX, WIDEN_VARCHAR, ADD_REFERENCE }

    private ModelGenerator() {}

    /** A model of {@code entities} entities. */
    static ModelSpec model(int entities, long seed) {
        Random random = new Random(seed);
        List<Entity> all = new ArrayList<>();
        for (int i = 1; i <= entities; i++) {
            all.add(entity(i, random, all));
        }
        return new ModelSpec(all);
    }

    /**
     * {@code versions} models: the first with {@code tables - versions + 1} entities, each later one
     * adding one entity and making one to three other changes, so that the last has {@code tables}.
     */
    static List<ModelSpec> evolution(int tables, int versions, long seed) {
        if (versions < 1 || tables < versions) {
            throw new IllegalArgumentException("need at least one table per version: " + tables + " tables, "
                    + versions + " versions");
        }
        int initial = tables - versions + 1;
        List<ModelSpec> models = new ArrayList<>();
        ModelSpec current = model(initial, seed);
        models.add(current);
        Random random = new Random(seed * 31 + 7);
        for (int v = 2; v <= versions; v++) {
            current = evolve(current, v, random);
            models.add(current);
        }
        return models;
    }

    /** The next version of a model: one more entity, and one to three changes to existing ones. */
    static ModelSpec evolve(ModelSpec model, int version, Random random) {
        List<Entity> existing = model.entities();
        ModelSpec next = model.plus(entity(existing.size() + 1, random, existing));
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            next = change(next, Change.values()[random.nextInt(Change.values().length)], version, c, random);
        }
        return next;
    }

    /** One change of the given kind to a random existing entity. */
    static ModelSpec change(ModelSpec model, Change kind, int version, int n, Random random) {
        List<Entity> entities = model.entities();
        int at = random.nextInt(entities.size());
        Entity entity = entities.get(at);
        String suffix = "v" + version + "_" + n;
        return switch (kind) {
            case ADD_COLUMN -> {
                FieldType[] types = {FieldType.STRING, FieldType.INTEGER, FieldType.DECIMAL, FieldType.LOCAL_DATE,
                    FieldType.DOUBLE, FieldType.UUID};
                FieldType type = types[random.nextInt(types.length)];
                yield model.replacing(entity, entity.withField(
                        new Field("extra_" + suffix, type, true, false, 120, 10, 2, null)));
            }
            case ADD_INDEX -> {
                Field field = entity.fields().get(1 + random.nextInt(entity.fields().size() - 1));
                yield model.replacing(entity, entity.withIndex(
                        new IndexSpec(entity.table() + "_" + suffix + "_idx", List.of(field.column()))));
            }
            case WIDEN_VARCHAR -> {
                Field description = entity.fields().stream().filter(f -> f.name().equals("description"))
                        .findFirst().orElseThrow();
                yield model.replacing(entity, entity.replacing(description,
                        description.withLength(description.length() + 100)));
            }
            case ADD_REFERENCE -> {
                if (at == 0) {
                    yield model;
                }
                Entity target = entities.get(random.nextInt(at));
                yield model.replacing(entity, entity.withField(
                        new Field("ref_" + suffix, FieldType.MANY_TO_ONE, true, false, 0, 0, 0, target.className())));
            }
        };
    }

    /** Entity number {@code i}; its foreign keys point at entities among {@code earlier}. */
    static Entity entity(int i, Random random, List<Entity> earlier) {
        String noun = NOUNS[i % NOUNS.length];
        String table = String.format("%s_%04d", noun, i);
        String className = Character.toUpperCase(noun.charAt(0)) + noun.substring(1) + String.format("%04d", i);
        List<Field> fields = new ArrayList<>(List.of(
                field("id", FieldType.ID, false),
                new Field("code", FieldType.STRING, false, true, 64, 0, 0, null),
                new Field("name", FieldType.STRING, false, false, 255, 0, 0, null),
                new Field("description", FieldType.STRING, true, false, 1000, 0, 0, null),
                field("quantity", FieldType.INTEGER, true),
                field("sort_order", FieldType.INT, false),
                new Field("amount", FieldType.DECIMAL, true, false, 0, 12, 2, null),
                field("active", FieldType.BOOLEAN, false),
                field("created_at", FieldType.INSTANT, false),
                field("updated_at", FieldType.LOCAL_DATE_TIME, true),
                field("valid_from", FieldType.LOCAL_DATE, true),
                field("ratio", FieldType.DOUBLE, true),
                field("external_id", FieldType.UUID, true),
                new Field("status", FieldType.ENUM, false, false, 32, 0, 0, null)));
        int references = earlier.isEmpty() ? 0 : random.nextInt(3);
        for (int r = 0; r < references; r++) {
            Entity target = earlier.get(random.nextInt(earlier.size()));
            fields.add(new Field(r == 0 ? "owner" : "related", FieldType.MANY_TO_ONE, true, false, 0, 0, 0,
                    target.className()));
        }
        List<IndexSpec> indexes = List.of(
                new IndexSpec(table + "_name_idx", List.of("name")),
                new IndexSpec(table + "_status_created_at_idx", List.of("status", "created_at")));
        return new Entity(className, table, fields, indexes);
    }

    private static Field field(String name, FieldType type, boolean nullable) {
        return new Field(name, type, nullable, false, 0, 0, 0, null);
    }
}
