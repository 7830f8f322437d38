package dev.driftless.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A synthetic JPA model, in terms from which both the entity sources ({@link EntitySources}) and
 * the schema the processor is expected to read from them ({@link SchemaFactory}) are derived.
 */
record ModelSpec(List<Entity> entities) {

    ModelSpec {
        entities = entities.stream().sorted(Comparator.comparing(Entity::className)).toList();
    }

    /** The Java types the generator uses, each with the mapping Hibernate 6+ gives it on PostgreSQL. */
    enum FieldType {
        /** {@code Long} with {@code @Id @GeneratedValue(IDENTITY)}. */
        ID,
        STRING,
        INTEGER,
        /** primitive {@code int}: NOT NULL. */
        INT,
        DECIMAL,
        /** primitive {@code boolean}: NOT NULL. */
        BOOLEAN,
        INSTANT,
        LOCAL_DATE_TIME,
        LOCAL_DATE,
        DOUBLE,
        UUID,
        /** the model's enum, {@code @Enumerated(STRING)}. */
        ENUM,
        /** {@code @ManyToOne} to an earlier entity, a foreign key column. */
        MANY_TO_ONE
    }

    /**
     * A persistent field.
     *
     * @param length the varchar length (STRING, ENUM)
     * @param precision numeric precision (DECIMAL), with {@code scale}
     * @param target the referenced entity's class name (MANY_TO_ONE)
     */
    record Field(String name, FieldType type, boolean nullable, boolean unique, int length, int precision, int scale,
            String target) {

        String column() {
            return type == FieldType.MANY_TO_ONE ? name + "_id" : name;
        }

        Field withLength(int value) {
            return new Field(name, type, nullable, unique, value, precision, scale, target);
        }
    }

    /** An index of {@code @Table(indexes)}, by column names. */
    record IndexSpec(String name, List<String> columns) {}

    record Entity(String className, String table, List<Field> fields, List<IndexSpec> indexes) {
        Entity {
            fields = List.copyOf(fields);
            indexes = List.copyOf(indexes);
        }

        Entity withField(Field field) {
            var all = new ArrayList<>(fields);
            all.add(field);
            return new Entity(className, table, all, indexes);
        }

        Entity withIndex(IndexSpec index) {
            var all = new ArrayList<>(indexes);
            all.add(index);
            return new Entity(className, table, fields, all);
        }

        Entity replacing(Field old, Field replacement) {
            return new Entity(className, table,
                    fields.stream().map(f -> f.equals(old) ? replacement : f).toList(), indexes);
        }
    }

    ModelSpec replacing(Entity old, Entity replacement) {
        return new ModelSpec(entities.stream().map(e -> e.equals(old) ? replacement : e).toList());
    }

    ModelSpec plus(Entity entity) {
        var all = new ArrayList<>(entities);
        all.add(entity);
        return new ModelSpec(all);
    }

    /** Columns over all tables: the size of the schema. */
    int columnCount() {
        return entities.stream().mapToInt(e -> e.fields().size()).sum();
    }
}
