package dev.driftless.bench;

import dev.driftless.bench.ModelSpec.Entity;
import dev.driftless.bench.ModelSpec.Field;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a spec as JPA entity sources, one file per entity plus the model's enum. */
final class EntitySources {

    static final String PACKAGE = "bench.model";
    static final String ENUM = "Status";
    static final java.util.List<String> ENUM_VALUES = java.util.List.of("DRAFT", "ACTIVE", "SUSPENDED", "CLOSED");

    private EntitySources() {}

    /** Writes the sources under {@code root} (a source root); returns the files written. */
    static List<Path> write(ModelSpec spec, Path root) {
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            files.add(Files.writeString(dir.resolve(ENUM + ".java"),
                    "package " + PACKAGE + ";\n\npublic enum " + ENUM + " { " + String.join(", ", ENUM_VALUES) + " }\n"));
            for (Entity e : spec.entities()) {
                files.add(Files.writeString(dir.resolve(e.className() + ".java"), source(e)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The class names, fully qualified, of the spec's entities. */
    static List<String> classNames(ModelSpec spec) {
        return spec.entities().stream().map(e -> PACKAGE + "." + e.className()).toList();
    }

    static String source(Entity e) {
        var s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import jakarta.persistence.*;\n\n");
        s.append("@Entity\n@Table(name = \"").append(e.table()).append("\", indexes = {\n");
        s.append(e.indexes().stream()
                .map(i -> "    @Index(name = \"" + i.name() + "\", columnList = \"" + String.join(", ", i.columns()) + "\")")
                .collect(Collectors.joining(",\n")));
        s.append("})\npublic class ").append(e.className()).append(" {\n");
        for (Field f : e.fields()) {
            s.append(field(f));
        }
        s.append("}\n");
        return s.toString();
    }

    private static String field(Field f) {
        String name = camel(f.name());
        String nullable = f.nullable() ? "" : ", nullable = false";
        String unique = f.unique() ? ", unique = true" : "";
        String column = "    @Column(name = \"" + f.column() + "\"" + nullable + unique;
        return switch (f.type()) {
            case ID -> "    @Id @GeneratedValue(strategy = GenerationType.IDENTITY)\n    private Long " + name + ";\n";
            case STRING -> column + ", length = " + f.length() + ")\n    private String " + name + ";\n";
            case INTEGER -> column + ")\n    private Integer " + name + ";\n";
            case INT -> column + ")\n    private int " + name + ";\n";
            case DECIMAL -> column + ", precision = " + f.precision() + ", scale = " + f.scale()
                    + ")\n    private java.math.BigDecimal " + name + ";\n";
            case BOOLEAN -> column + ")\n    private boolean " + name + ";\n";
            case INSTANT -> column + ")\n    private java.time.Instant " + name + ";\n";
            case LOCAL_DATE_TIME -> column + ")\n    private java.time.LocalDateTime " + name + ";\n";
            case LOCAL_DATE -> column + ")\n    private java.time.LocalDate " + name + ";\n";
            case DOUBLE -> column + ")\n    private Double " + name + ";\n";
            case UUID -> column + ")\n    private java.util.UUID " + name + ";\n";
            case ENUM -> "    @Enumerated(EnumType.STRING)\n" + column + ", length = " + f.length() + ")\n    private "
                    + ENUM + " " + name + ";\n";
            case MANY_TO_ONE -> "    @ManyToOne(fetch = FetchType.LAZY)\n    @JoinColumn(name = \"" + f.column()
                    + "\")\n    private " + f.target() + " " + name + ";\n";
        };
    }

    /** {@code created_at} → {@code createdAt}. */
    static String camel(String snake) {
        var out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
