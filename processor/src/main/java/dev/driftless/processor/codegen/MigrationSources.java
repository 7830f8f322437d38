package dev.driftless.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.driftless.history.FrozenVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * The Java sources of the frozen versions: one class per version implementing {@code Migration}
 * with its exact statements, and one index implementing {@code MigrationIndex} that lists them.
 * Pure: the same versions give byte-identical files.
 */
public final class MigrationSources {

    public static final String INDEX_CLASS = "DriftlessMigrationIndex";
    static final ClassName MIGRATION = ClassName.get("dev.driftless.migrate", "Migration");
    static final ClassName MIGRATION_INDEX = ClassName.get("dev.driftless.migrate", "MigrationIndex");
    static final ClassName INDEXED_VERSION = ClassName.get("dev.driftless.migrate", "IndexedVersion");
    private static final ClassName LOOKUP = ClassName.get("java.lang.invoke", "MethodHandles", "Lookup");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final String GENERATOR = "dev.driftless.processor.DriftlessProcessor";
    /**
     * The most entries of a squash given as one {@code Map.ofEntries}: javac's inference of that
     * expression grows much faster than its entries (seconds for 50, minutes for 500, hours for
     * thousands), so more entries are put one by one.
     */
    private static final int INFERRED_ENTRIES = 10;

    private MigrationSources() {}

    /**
     * The version classes followed by the index. The index lists each version as an {@code
     * IndexedVersion}: its number, description and checksum (the same its class gives) and the
     * name of its class, which the runtime loads only when it needs the statements; so a start
     * with nothing to apply loads no version class.
     */
    public static List<JavaFile> of(String packageName, List<FrozenVersion> versions) {
        var files = new ArrayList<JavaFile>();
        var created = new ArrayList<CodeBlock>();
        for (FrozenVersion v : versions) {
            ClassName type = ClassName.get(packageName, className(v));
            files.add(file(packageName, versionClass(type, v)));
            created.add(CodeBlock.of("new $T(LOOKUP, $S, $L, $S, $S, $L)", INDEXED_VERSION, type.reflectionName(),
                    v.version(), v.name(), v.checksum(), v.isSquash()));
        }
        var migrations = ParameterizedTypeName.get(LIST, MIGRATION);
        TypeSpec.Builder indexType = TypeSpec.classBuilder(INDEX_CLASS)
                .addJavadoc("All frozen versions of this module, in order. Found by the runtime through ServiceLoader.\n")
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MIGRATION_INDEX);
        if (!created.isEmpty()) {
            // What lets the runtime create a version's class when it needs it.
            indexType.addField(FieldSpec.builder(LOOKUP, "LOOKUP", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$T.lookup()", ClassName.get("java.lang.invoke", "MethodHandles"))
                    .build());
        }
        CodeBlock all;
        if (created.size() <= ClassFileLimits.PART) {
            var index = CodeBlock.builder().add("$T.of(", LIST);
            for (int i = 0; i < created.size(); i++) {
                index.add(i == 0 ? "\n$L" : ",\n$L", created.get(i));
            }
            all = index.add(")").build();
        } else {
            // Thousands of versions are more than one method can create: a nested class per part.
            ClassFileLimits.SplitList split = ClassFileLimits.splitList("Versions", migrations, created);
            split.parts().forEach(indexType::addType);
            all = split.value();
        }
        indexType.addMethod(MethodSpec.methodBuilder("migrations")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(migrations)
                .addStatement("return $L", all)
                .build());
        files.add(file(packageName, indexType.build()));
        return files;
    }

    /** {@code V0002_AddQualityScore} for version 2 named {@code add_quality_score}. */
    static String className(FrozenVersion v) {
        var name = new StringBuilder(String.format("V%04d_", v.version()));
        for (String part : v.name().split("_")) {
            if (!part.isEmpty()) {
                name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return name.toString();
    }

    private static TypeSpec versionClass(ClassName type, FrozenVersion v) {
        var statements = ParameterizedTypeName.get(LIST, ClassName.get(String.class));
        var statementsType = TypeSpec.classBuilder("Statements")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
        statementsType.addField(statementsField(statementsType, "UP", "Up", statements, v.allUp()));
        statementsType.addField(statementsField(statementsType, "DOWN", "Down", statements, v.allDown()));
        var builder = TypeSpec.classBuilder(type)
                .addJavadoc("Version $L, $S: frozen, never edited. Generated from $L.\n", v.version(), v.name(), v.fileName())
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MIGRATION)
                // The statements live in a nested class that the JVM initializes only when a version
                // runs: a start-up with nothing to apply never builds them.
                .addType(statementsType.build())
                .addMethod(getter("version", ClassName.INT, CodeBlock.of("$L", v.version())))
                .addMethod(getter("description", ClassName.get(String.class), CodeBlock.of("$S", v.name())))
                .addMethod(getter("checksum", ClassName.get(String.class), CodeBlock.of("$S", v.checksum())))
                .addMethod(getter("up", statements, CodeBlock.of("Statements.UP")))
                .addMethod(getter("down", statements, CodeBlock.of("Statements.DOWN")));
        if (!v.irreversible().isEmpty()) {
            if (v.irreversible().size() <= ClassFileLimits.PART) {
                builder.addMethod(getter("irreversible", statements, listOf(v.irreversible())));
            } else {
                ClassFileLimits.SplitList split = ClassFileLimits.splitList("Irreversible", statements,
                        strings(v.irreversible()));
                split.parts().forEach(builder::addType);
                builder.addMethod(getter("irreversible", statements, split.value()));
            }
        }
        if (v.isSquash()) {
            var map = ParameterizedTypeName.get(ClassName.get("java.util", "SortedMap"), ClassName.get(Integer.class),
                    ClassName.get(String.class));
            if (v.squashed().size() <= INFERRED_ENTRIES) {
                var init = CodeBlock.builder().add("new $T<>($T.ofEntries(", ClassName.get("java.util", "TreeMap"),
                        ClassName.get("java.util", "Map"));
                int i = 0;
                for (var e : v.squashed().entrySet()) {
                    init.add(i++ == 0 ? "\n$>$>$T.entry($L, $L)" : ",\n$T.entry($L, $L)",
                            ClassName.get("java.util", "Map"), e.getKey(), ClassFileLimits.string(e.getValue()));
                }
                init.add("$<$<))");
                builder.addMethod(getter("squashed", map, init.build()));
            } else {
                // Put statements, in a nested class per part of the entries.
                ClassFileLimits.SplitStatements split = ClassFileLimits.splitStatements("Squashed", map, "squashed",
                        List.copyOf(v.squashed().entrySet()),
                        e -> CodeBlock.of("squashed.put($L, $L)", e.getKey(), ClassFileLimits.string(e.getValue())));
                split.parts().forEach(builder::addType);
                builder.addMethod(MethodSpec.methodBuilder("squashed")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(map)
                        .addStatement("$T squashed = new $T<>()", map, ClassName.get("java.util", "TreeMap"))
                        .addCode(split.calls())
                        .addStatement("return squashed")
                        .build());
            }
        }
        List<String> javaSteps = new ArrayList<>();
        for (String s : v.allUp()) {
            addJavaStep(javaSteps, s);
        }
        for (String s : v.allDown()) {
            addJavaStep(javaSteps, s);
        }
        if (!javaSteps.isEmpty()) {
            var body = CodeBlock.builder().beginControlFlow("return switch (className)");
            for (String name : javaSteps) {
                body.addStatement("case $S -> new $T()", name, ClassName.bestGuess(name));
            }
            body.addStatement("default -> $T.super.javaStep(className)", MIGRATION);
            body.unindent().add("};\n");
            builder.addMethod(MethodSpec.methodBuilder("javaStep")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(ClassName.get("dev.driftless.migrate", "JavaStep"))
                    .addParameter(String.class, "className")
                    .addCode(body.build())
                    .build());
        }
        return builder.build();
    }

    private static void addJavaStep(List<String> steps, String statement) {
        String name = dev.driftless.history.HandWrittenSteps.javaStepClass(statement);
        if (name != null && !steps.contains(name)) {
            steps.add(name);
        }
    }

    private static List<CodeBlock> strings(List<String> values) {
        return values.stream().map(ClassFileLimits::string).toList();
    }

    private static CodeBlock listOf(List<String> values) {
        var init = CodeBlock.builder().add("$T.of(", LIST);
        for (int i = 0; i < values.size(); i++) {
            init.add(i == 0 ? "$L" : ", $L", ClassFileLimits.string(values.get(i)));
        }
        return init.add(")").build();
    }

    /** The field; more statements than one part go to nested classes {@code <prefix>0}... of the holder. */
    private static FieldSpec statementsField(TypeSpec.Builder holder, String name, String prefix,
            ParameterizedTypeName type, List<String> statements) {
        CodeBlock init;
        if (statements.size() <= ClassFileLimits.PART) {
            init = ClassFileLimits.listOf(strings(statements));
        } else {
            ClassFileLimits.SplitList split = ClassFileLimits.splitList(prefix, type, strings(statements));
            split.parts().forEach(holder::addType);
            init = split.value();
        }
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(init)
                .build();
    }

    private static MethodSpec getter(String name, com.palantir.javapoet.TypeName type, CodeBlock value) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement("return $L", value)
                .build();
    }

    private static com.palantir.javapoet.AnnotationSpec generated() {
        return com.palantir.javapoet.AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build();
    }

    private static JavaFile file(String packageName, TypeSpec type) {
        return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent(JavaLiterals.INDENT).build();
    }
}
