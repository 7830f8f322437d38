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
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final String GENERATOR = "dev.driftless.processor.DriftlessProcessor";

    private MigrationSources() {}

    /** The version classes followed by the index. */
    public static List<JavaFile> of(String packageName, List<FrozenVersion> versions) {
        var files = new ArrayList<JavaFile>();
        var index = CodeBlock.builder().add("return $T.of(", LIST);
        for (int i = 0; i < versions.size(); i++) {
            FrozenVersion v = versions.get(i);
            ClassName type = ClassName.get(packageName, className(v));
            files.add(file(packageName, versionClass(type, v)));
            index.add(i == 0 ? "\nnew $T()" : ",\nnew $T()", type);
        }
        index.add(")");
        TypeSpec indexType = TypeSpec.classBuilder(INDEX_CLASS)
                .addJavadoc("All frozen versions of this module, in order. Found by the runtime through ServiceLoader.\n")
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MIGRATION_INDEX)
                .addMethod(MethodSpec.methodBuilder("migrations")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(LIST, MIGRATION))
                        .addStatement(index.build())
                        .build())
                .build();
        files.add(file(packageName, indexType));
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
        var builder = TypeSpec.classBuilder(type)
                .addJavadoc("Version $L, $S: frozen, never edited. Generated from $L.\n", v.version(), v.name(), v.fileName())
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MIGRATION)
                // The statements live in a nested class that the JVM initializes only when a version
                // runs: a start-up with nothing to apply never builds them.
                .addType(TypeSpec.classBuilder("Statements")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addField(statementsField("UP", statements, v.allUp()))
                        .addField(statementsField("DOWN", statements, v.allDown()))
                        .build())
                .addMethod(getter("version", ClassName.INT, CodeBlock.of("$L", v.version())))
                .addMethod(getter("description", ClassName.get(String.class), CodeBlock.of("$S", v.name())))
                .addMethod(getter("checksum", ClassName.get(String.class), CodeBlock.of("$S", v.checksum())))
                .addMethod(getter("up", statements, CodeBlock.of("Statements.UP")))
                .addMethod(getter("down", statements, CodeBlock.of("Statements.DOWN")));
        if (!v.irreversible().isEmpty()) {
            builder.addMethod(getter("irreversible", statements, listOf(v.irreversible())));
        }
        if (v.isSquash()) {
            var map = ParameterizedTypeName.get(ClassName.get("java.util", "SortedMap"), ClassName.get(Integer.class),
                    ClassName.get(String.class));
            var init = CodeBlock.builder().add("new $T<>($T.ofEntries(", ClassName.get("java.util", "TreeMap"),
                    ClassName.get("java.util", "Map"));
            int i = 0;
            for (var e : v.squashed().entrySet()) {
                init.add(i++ == 0 ? "\n$>$>$T.entry($L, $S)" : ",\n$T.entry($L, $S)", ClassName.get("java.util", "Map"),
                        e.getKey(), e.getValue());
            }
            init.add("$<$<))");
            builder.addMethod(getter("squashed", map, init.build()));
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

    private static CodeBlock listOf(List<String> values) {
        var init = CodeBlock.builder().add("$T.of(", LIST);
        for (int i = 0; i < values.size(); i++) {
            init.add(i == 0 ? "$S" : ", $S", values.get(i));
        }
        return init.add(")").build();
    }

    private static FieldSpec statementsField(String name, ParameterizedTypeName type, List<String> statements) {
        var init = CodeBlock.builder().add("$T.of(", LIST);
        for (int i = 0; i < statements.size(); i++) {
            init.add(i == 0 ? "\n$>$>$S" : ",\n$S", statements.get(i));
        }
        init.add(statements.isEmpty() ? ")" : "$<$<)");
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(init.build())
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
        return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("    ").build();
    }
}
