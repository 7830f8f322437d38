package dev.driftless.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Keeps generated code within the limits of a class file, whatever the size of a version: a method
 * has at most 64 KB of bytecode, a class at most 65,535 constants, a string constant at most 65,535
 * bytes of (modified) UTF-8. Long lists are cut into nested classes of at most {@value #PART} values
 * each, long strings into pieces of at most {@value #PIECE} characters that are joined at run time.
 * What fits in one part or one piece is generated as before, so small versions give the same
 * sources. Pure: the same values give the same code.
 */
final class ClassFileLimits {

    /**
     * The most values in one part: a few bytes of bytecode and two constants each keep a part far
     * below the limits of a method and of a class.
     */
    static final int PART = 500;
    /** The most characters in one string constant: three bytes of UTF-8 at most each. */
    static final int PIECE = 20_000;

    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");

    private ClassFileLimits() {}

    /** A string literal; for a string longer than one constant, {@code String.join("", pieces...)}. */
    static CodeBlock string(String value) {
        if (value.length() <= PIECE) {
            return CodeBlock.of("$L", JavaLiterals.quoted(value));
        }
        var join = CodeBlock.builder().add("$T.join(\"\"", String.class);
        for (String piece : pieces(value)) {
            join.add(",\n$>$>$L$<$<", JavaLiterals.quoted(piece));
        }
        return join.add(")").build();
    }

    /**
     * The value cut into pieces of at most {@value #PIECE} characters; a cut never falls inside a
     * surrogate pair, which the source file could not encode as two halves.
     */
    static List<String> pieces(String value) {
        var pieces = new ArrayList<String>();
        int start = 0;
        while (start < value.length()) {
            int end = Math.min(start + PIECE, value.length());
            if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))
                    && Character.isLowSurrogate(value.charAt(end))) {
                end--;
            }
            pieces.add(value.substring(start, end));
            start = end;
        }
        return pieces;
    }

    /** The values cut into consecutive parts of at most {@value #PART}. */
    static <T> List<List<T>> parts(List<T> values) {
        var parts = new ArrayList<List<T>>();
        for (int i = 0; i < values.size(); i += PART) {
            parts.add(values.subList(i, Math.min(i + PART, values.size())));
        }
        return parts;
    }

    /**
     * A list too long for one method: nested classes {@code <prefix>0}, {@code <prefix>1}... each with
     * a method {@code values()} giving its part, and the expression that joins their parts in order.
     */
    record SplitList(List<TypeSpec> parts, CodeBlock value) {}

    /**
     * @param listType the type of the list, e.g. {@code List<String>}
     * @param values the values, each an expression
     */
    static SplitList splitList(String prefix, TypeName listType, List<CodeBlock> values) {
        var parts = new ArrayList<TypeSpec>();
        var join = CodeBlock.builder().add("$T.of(", STREAM);
        List<List<CodeBlock>> cut = parts(values);
        for (int p = 0; p < cut.size(); p++) {
            String name = prefix + p;
            parts.add(TypeSpec.classBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addMethod(MethodSpec.methodBuilder("values")
                            .addModifiers(Modifier.STATIC)
                            .returns(listType)
                            .addStatement("return $L", listOf(cut.get(p)))
                            .build())
                    .build());
            join.add(p == 0 ? "\n$>$>$L.values()" : ",\n$L.values()", name);
        }
        join.add("$<$<)\n$>$>.flatMap($T::stream)\n.toList()$<$<", LIST);
        return new SplitList(parts, join.build());
    }

    /** {@code List.of(...)} of the values, one a line. */
    static CodeBlock listOf(List<CodeBlock> values) {
        var init = CodeBlock.builder().add("$T.of(", LIST);
        for (int i = 0; i < values.size(); i++) {
            init.add(i == 0 ? "\n$>$>$L" : ",\n$L", values.get(i));
        }
        return init.add(values.isEmpty() ? ")" : "$<$<)").build();
    }

    /**
     * Statements too many for one method: nested classes {@code <prefix>0}... each with a method
     * {@code run(<parameter>)} running its part, and the statements that call them in order.
     */
    record SplitStatements(List<TypeSpec> parts, CodeBlock calls) {}

    static <T> SplitStatements splitStatements(String prefix, TypeName parameterType, String parameter, List<T> values,
            Function<T, CodeBlock> statement) {
        var parts = new ArrayList<TypeSpec>();
        var calls = CodeBlock.builder();
        List<List<T>> cut = parts(values);
        for (int p = 0; p < cut.size(); p++) {
            String name = prefix + p;
            var run = MethodSpec.methodBuilder("run")
                    .addModifiers(Modifier.STATIC)
                    .addParameter(parameterType, parameter);
            cut.get(p).forEach(v -> run.addStatement(statement.apply(v)));
            parts.add(TypeSpec.classBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addMethod(run.build())
                    .build());
            calls.addStatement("$L.run($L)", name, parameter);
        }
        return new SplitStatements(parts, calls.build());
    }
}
