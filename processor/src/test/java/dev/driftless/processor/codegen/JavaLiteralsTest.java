package dev.driftless.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/** {@link JavaLiterals#quoted} emitted with {@code $L} gives the bytes JavaPoet's {@code $S} gives. */
class JavaLiteralsTest {

    /** The file JavaPoet writes for one field initialized with the literal, nested two levels deep. */
    private static String file(CodeBlock literal) {
        TypeSpec inner = TypeSpec.classBuilder("Inner")
                .addField(FieldSpec.builder(String.class, "S", Modifier.STATIC, Modifier.FINAL)
                        .initializer(CodeBlock.builder().add("$T.join(\"\",\n$>$>$L$<$<)", String.class, literal).build())
                        .build())
                .build();
        TypeSpec outer = TypeSpec.classBuilder("Outer").addType(inner).build();
        return JavaFile.builder("p", outer).skipJavaLangImports(true).indent(JavaLiterals.INDENT).build().toString();
    }

    private static void assertSameAsJavaPoet(String value) {
        assertEquals(file(CodeBlock.of("$S", value)), file(CodeBlock.of("$L", JavaLiterals.quoted(value))),
                () -> "literal of " + value.chars().mapToObj(Integer::toHexString).toList());
    }

    @Test
    void spellsEveryEscapeAndLineBreakAsJavaPoet() {
        List<String> values = new ArrayList<>(List.of("", "a", "\n", "\n\n", "a\nb", "a\nb\n", "\na", "'", "\"", "\\",
                "\b\t\f\r", "\u0000\u0001\u001f\u007f\u0085\u009f", "é€😀", "\ud83d", "CREATE TABLE \"order\" (\n    id bigint\n)",
                "E'a\\nb' -- it's\r\n"));
        for (char c = 0; c < 0x300; c++) {
            values.add("x" + c + "\n" + c);
        }
        Random random = new Random(20_26);
        String alphabet = "ab \n\t\r\"'\\\u0000\u001b\u2028é😀";
        for (int i = 0; i < 500; i++) {
            var s = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(s.toString());
        }
        values.forEach(JavaLiteralsTest::assertSameAsJavaPoet);
    }

    @Test
    void splitStringsAreTheSameAsBefore() {
        String statement = "INSERT INTO t VALUES ('" + "x\n".repeat(ClassFileLimits.PIECE) + "')";
        var pieces = CodeBlock.builder().add("$T.join(\"\"", String.class);
        for (String piece : ClassFileLimits.pieces(statement)) {
            pieces.add(",\n$>$>$S$<$<", piece);
        }
        assertEquals(file(pieces.add(")").build()), file(ClassFileLimits.string(statement)));
    }
}
