package dev.driftless.processor.jpa;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Inline entity sources in package {@code test}, and compiling them with {@link ModelCapture}. */
final class EntitySources {

    private EntitySources() {}

    /** A source importing {@code <persistence>.persistence.*}, with persistence "jakarta" or "javax". */
    static JavaFileObject source(String persistence, String simpleName, String... lines) {
        var all = new ArrayList<String>();
        all.add("package test;");
        all.add("import " + persistence + ".persistence.*;");
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("test." + simpleName, all);
    }

    static JavaFileObject jakarta(String simpleName, String... lines) {
        return source("jakarta", simpleName, lines);
    }

    static Compilation compile(ModelCapture capture, JavaFileObject... sources) {
        return Compiler.javac().withProcessors(capture).compile(sources);
    }

    /** Compiles the sources, which must compile without a warning, and returns the model read. */
    static SchemaModel read(JavaFileObject... sources) {
        return readAll(sources).schema();
    }

    static JpaModel readAll(JavaFileObject... sources) {
        var capture = ModelCapture.sorted();
        assertThat(compile(capture, sources)).succeededWithoutWarnings();
        return capture.read();
    }

    static Table table(SchemaModel model, String name) {
        return table(model, QualifiedName.of(name));
    }

    static Table table(SchemaModel model, QualifiedName name) {
        return model.table(name).orElseThrow(() -> new AssertionError("no table " + name + " in " + model));
    }

    static String type(Table table, String column) {
        return table.column(column).orElseThrow(() -> new AssertionError("no column " + column + " in " + table))
                .type().sql();
    }
}
