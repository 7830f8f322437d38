package dev.driftless.processor.jpa;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.processor.DriftlessProcessor;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Bad models get a coded error on the offending element, never a crash, and no output. */
class JpaErrorsTest {

    private static JavaFileObject entity(String name, String... lines) {
        var all = new java.util.ArrayList<String>();
        all.add("package test;");
        all.add("import jakarta.persistence.*;");
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("test." + name, all);
    }

    private static Compilation compile(JavaFileObject... sources) {
        // The real processor: an error must also stop drafts and generated code.
        return Compiler.javac()
                .withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + System.getProperty("java.io.tmpdir") + "/driftless-never-written")
                .compile(sources);
    }

    private static void assertError(Compilation c, JavaFileObject file, String code, String line, String hint) {
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[" + code + "]").inFile(file).onLineContaining(line);
        assertThat(c).hadErrorContaining(hint);
    }

    @Test
    void anEntityWithoutId() {
        JavaFileObject f = entity("NoId", "@Entity", "public class NoId { String name; }");
        assertError(compile(f), f, "DL100", "public class NoId", "add an @Id field");
    }

    @Test
    void aTypeWithoutMapping() {
        JavaFileObject f = entity("Odd", "@Entity public class Odd { @Id Long id;", "  java.util.Map<String, String> tags; }");
        assertError(compile(f), f, "DL101", "tags", "@Transient");
    }

    @Test
    void twoAttributesOnOneColumn() {
        JavaFileObject f = entity("Twice", "@Entity public class Twice { @Id Long id; String name;",
                "  @Column(name = \"NAME\") String label; }");
        assertError(compile(f), f, "DL102", "String label", "mapped twice");
    }

    @Test
    void twoEntitiesOnOneTable() {
        JavaFileObject a = entity("A", "@Entity @Table(name = \"shared\") public class A { @Id Long id; }");
        JavaFileObject b = entity("B", "@Entity @Table(name = \"SHARED\")", "public class B { @Id Long id; }");
        assertError(compile(a, b), b, "DL103", "public class B", "both map table shared");
    }

    @Test
    void identityOnAStringId() {
        JavaFileObject f = entity("Code", "@Entity public class Code {",
                "  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) String code; }");
        assertError(compile(f), f, "DL104", "String code", "needs an integer id");
    }

    @Test
    void aRelationToANonEntity() {
        JavaFileObject f = entity("Holder", "@Entity public class Holder { @Id Long id;",
                "  @ManyToOne String owner; }");
        assertError(compile(f), f, "DL105", "String owner", "is not an @Entity");
    }

    @Test
    void anIndexOnAMissingColumn() {
        JavaFileObject f = entity("Indexed", "@Entity @Table(indexes = @Index(columnList = \"missing\"))",
                "public class Indexed { @Id Long id; }");
        assertError(compile(f), f, "DL106", "@Index(columnList = \"missing\")", "names column 'missing'");
    }

    @Test
    void aUniqueConstraintOnAMissingColumn() {
        JavaFileObject f = entity("Uniq", "@Entity @Table(uniqueConstraints = @UniqueConstraint(columnNames = \"nope\"))",
                "public class Uniq { @Id Long id; }");
        assertError(compile(f), f, "DL106", "@UniqueConstraint", "its columns are: id");
    }

    @Test
    void aNonPositiveLength() {
        JavaFileObject f = entity("Short", "@Entity public class Short { @Id Long id;",
                "  @Column(length = 0) String name; }");
        assertError(compile(f), f, "DL107", "String name", "must be positive");
    }

    @Test
    void scaleOverPrecision() {
        JavaFileObject f = entity("Money", "@Entity public class Money { @Id Long id;",
                "  @Column(precision = 4, scale = 6) java.math.BigDecimal amount; }");
        assertError(compile(f), f, "DL108", "amount", "cannot exceed the precision");
    }

    @Test
    void anIdentifierOver63Bytes() {
        String longName = "x".repeat(64);
        JavaFileObject f = entity("Long", "@Entity public class Long {", "  @Id java.lang.Long id;",
                "  @Column(name = \"" + longName + "\") String value; }");
        assertError(compile(f), f, "DL109", "String value", "choose a shorter name");
    }

    @Test
    void aJoinColumnReferencingAMissingColumn() {
        JavaFileObject target = entity("Target", "@Entity public class Target { @Id Long id; }");
        JavaFileObject f = entity("Ref", "@Entity public class Ref { @Id Long id;",
                "  @ManyToOne @JoinColumn(referencedColumnName = \"code\") Target target; }");
        assertError(compile(target, f), f, "DL110", "Target target", "has no such column");
    }

    @Test
    void mappingsNotReadYetAreRefusedNotIgnored() {
        JavaFileObject f = entity("Tagged", "@Entity public class Tagged { @Id Long id;",
                "  @ElementCollection java.util.List<String> tags; }");
        assertError(compile(f), f, "DL112", "tags", "@Transient");
    }

    @Test
    void allErrorsOfOneRunAreReported() {
        JavaFileObject a = entity("NoIdA", "@Entity public class NoIdA { String a; }");
        JavaFileObject b = entity("NoIdB", "@Entity public class NoIdB { String b; }");
        Compilation c = compile(a, b);
        assertThat(c).hadErrorContaining("[DL100]").inFile(a).onLineContaining("NoIdA");
        assertThat(c).hadErrorContaining("[DL100]").inFile(b).onLineContaining("NoIdB");
    }
}
