package dev.driftless.processor.jpa;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The reader's work grows with the entities linearly: twice the entities, about twice the calls
 * into the compiler's {@link Types} and {@link Elements}, not four times.
 */
class ReaderScalingTest {

    /** Half the entities are single-table roots, each with a relation to the one before; half their subclasses. */
    static List<JavaFileObject> entities(int count) {
        var sources = new ArrayList<JavaFileObject>();
        for (int i = 0; i < count / 2; i++) {
            sources.add(JavaFileObjects.forSourceString("scale.Station" + i, """
                    package scale;
                    import jakarta.persistence.*;
                    @Entity public class Station%1$d {
                      @Id Long id;
                      String name;
                      @ManyToOne Station%2$d previous;
                    }
                    """.formatted(i, Math.max(0, i - 1))));
            sources.add(JavaFileObjects.forSourceString("scale.SolarStation" + i, """
                    package scale;
                    import jakarta.persistence.*;
                    @Entity public class SolarStation%1$d extends Station%1$d { Double panelArea; }
                    """.formatted(i)));
        }
        return sources;
    }

    /** The calls into Types and Elements that reading the entities makes. */
    static long calls(int count) {
        var calls = new AtomicLong();
        var capture = ModelCapture.withEnvironment(env -> counting(env, calls));
        Compilation c = Compiler.javac().withProcessors(capture).compile(entities(count));
        assertThat(c).succeededWithoutWarnings();
        assertEquals(0, capture.errors());
        assertEquals(count / 2, capture.model().tables().size(), "one table per hierarchy");
        return calls.get();
    }

    @Test
    void twiceTheEntitiesCostAboutTwiceTheCallsIntoTheCompiler() {
        calls(4); // the first compilation loads what all of them use
        long forty = calls(40);
        long eighty = calls(80);
        double ratio = (double) eighty / forty;
        assertTrue(ratio <= 2.2, "reading 80 entities made " + eighty + " calls into Types and Elements, 40 made "
                + forty + ": " + String.format("%.2f", ratio) + " times as many, where twice the entities should cost"
                + " at most 2.2 times the calls");
    }

    /** The same environment, with Types and Elements that count the calls made on them. */
    static ProcessingEnvironment counting(ProcessingEnvironment env, AtomicLong calls) {
        Types types = counted(Types.class, env.getTypeUtils(), calls);
        Elements elements = counted(Elements.class, env.getElementUtils(), calls);
        return (ProcessingEnvironment) Proxy.newProxyInstance(ProcessingEnvironment.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getTypeUtils" -> types;
                    case "getElementUtils" -> elements;
                    default -> invoke(method, env, args);
                });
    }

    private static <T> T counted(Class<T> type, T target, AtomicLong calls) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            calls.incrementAndGet();
            return invoke(method, target, args);
        }));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
