package dev.driftless.processor;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.driftless.processor.diagnostics.Message;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;

/**
 * Where the notes printed once javac's compilation is over are reported. By then javac has let go
 * of the classes' trees, so a note given only its element would have no position: the source
 * positions of the elements are taken in the round that read them (a later round has other
 * elements for the same fields), and the note is printed on them.
 * Under another compiler nothing is taken, and the notes go through the {@code Messager} as usual.
 */
final class NotePositions {

    private final Trees trees;
    private final Map<Element, TreePath> paths = new IdentityHashMap<>();

    private NotePositions(Trees trees) {
        this.trees = trees;
    }

    /** Takes the positions of the elements now, where the compiler is javac. */
    static NotePositions of(ProcessingEnvironment env, Collection<? extends Element> elements) {
        Trees trees;
        try {
            trees = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            return new NotePositions(null);
        }
        var positions = new NotePositions(trees);
        for (Element element : elements) {
            try {
                TreePath path = element == null ? null : trees.getPath(element);
                if (path != null) {
                    positions.paths.put(element, path);
                }
            } catch (RuntimeException e) {
                // No position: the note is printed without one.
            }
        }
        return positions;
    }

    /** Prints the message on the element's position taken earlier; false when there is none to print on. */
    boolean print(Message message, Element element, Object... args) {
        TreePath path = element == null ? null : paths.get(element);
        if (path == null) {
            return false;
        }
        try {
            trees.printMessage(message.kind(), message.format(args), path.getLeaf(), path.getCompilationUnit());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
