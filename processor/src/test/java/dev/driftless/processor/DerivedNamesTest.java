package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.VersionFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless.derivedNames}: switching it on a history renames nothing frozen; only the objects
 * new in the version get the other rule's names.
 */
class DerivedNamesTest {

    @TempDir
    Path history;

    private static final JavaFileObject OWNER = JavaFileObjects.forSourceLines("dn.Owner",
            "package dn;",
            "import jakarta.persistence.*;",
            "@Entity public class Owner { @Id Long id; }");

    private static final JavaFileObject PET = JavaFileObjects.forSourceLines("dn.Pet",
            "package dn;",
            "import jakarta.persistence.*;",
            "@Entity @Table(indexes = @Index(columnList = \"name\"))",
            "public class Pet { @Id Long id; String name; @ManyToOne Owner owner; }");

    private static final JavaFileObject TOY = JavaFileObjects.forSourceLines("dn.Toy",
            "package dn;",
            "import jakarta.persistence.*;",
            "@Entity @Table(indexes = @Index(columnList = \"label\"))",
            "public class Toy { @Id Long id; String label; @ManyToOne Pet pet; }");

    private Compilation compile(List<JavaFileObject> sources, String... options) {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all).compile(sources);
    }

    private String up(String file) throws IOException {
        FrozenVersion version = VersionFormat.read(Files.readString(history.resolve(file)), file);
        return String.join("\n", version.up());
    }

    @Test
    void switchingToHibernateNamesKeepsTheFrozenNamesAndNamesOnlyNewObjectsAsHibernate() throws IOException {
        assertThat(compile(List.of(OWNER, PET), "-Adriftless.freeze=initial")).succeeded();
        String v1 = up("V0001__initial.sql");
        assertTrue(v1.contains("pet_owner_id_fkey"), v1);
        assertTrue(v1.contains("pet_name_idx"), v1);

        // The option alone changes nothing: the frozen names stay.
        assertThat(compile(List.of(OWNER, PET), "-Adriftless.check=true", "-Adriftless.derivedNames=hibernate")).succeeded();

        assertThat(compile(List.of(OWNER, PET, TOY), "-Adriftless.freeze=toy", "-Adriftless.derivedNames=hibernate"))
                .succeeded();
        String v2 = up("V0002__toy.sql");
        assertTrue(v2.contains("create table toy") || v2.contains("CREATE TABLE toy"), v2);
        // Hibernate's names for the new table's key and index: FK/IDX and the hash, folded.
        assertTrue(v2.matches("(?s).*\\bfk[0-9a-y]{20,}\\b.*"), v2);
        assertTrue(v2.matches("(?s).*\\bidx[0-9a-y]{20,}\\b.*"), v2);
        assertTrue(!v2.contains("toy_pet_id_fkey") && !v2.contains("toy_label_idx"), v2);
        assertTrue(!v2.contains("RENAME") && !v2.contains("pet_owner_id_fkey") && !v2.contains("pet_name_idx"), v2);

        // And back: Hibernate's frozen names stay too.
        assertThat(compile(List.of(OWNER, PET, TOY), "-Adriftless.check=true")).succeeded();
    }

    @Test
    void anUnknownChoiceIsRefused() {
        Compilation compilation = compile(List.of(OWNER), "-Adriftless.derivedNames=oracle");
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[DL229] -Adriftless.derivedNames=oracle is not a choice");
    }

    @Test
    void theHibernateNameOfAForeignKeyIsTheOneHibernateGives() throws IOException {
        assertThat(compile(List.of(OWNER, PET), "-Adriftless.freeze=initial", "-Adriftless.derivedNames=hibernate"))
                .succeeded();
        // table`Pet`references`Owner`column`owner_id`, as Hibernate spells the class-named tables.
        String expected = "fk" + md5InBase35("table`Pet`references`Owner`column`owner_id`");
        String v1 = up("V0001__initial.sql");
        assertTrue(v1.contains(expected), () -> expected + " in\n" + v1);
        assertEquals(-1, v1.indexOf("pet_owner_id_fkey"), v1);
    }

    private static String md5InBase35(String text) {
        try {
            return new java.math.BigInteger(1, java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).toString(35);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
