package dev.driftless.processor;

import dev.driftless.processor.diagnostics.Message;
import java.util.List;
import javax.lang.model.element.Element;
import javax.tools.StandardLocation;

/**
 * What a planned run still has to write once the compilation is known to have no error: the
 * resources (the draft, the service entry, the snapshot copy, the entity index), the notes that
 * tell about them, and the change to the committed history directory, if any.
 */
record Outputs(List<Resource> resources, List<Note> notes, HistoryChange historyChange) {

    /** A file written through the Filer. */
    record Resource(StandardLocation location, String pkg, String name, String content, Element anchor) {}

    /** A diagnostic reported once the resources are written: true only then. */
    record Note(Message message, Element element, List<Object> args) {
        Note(Message message, Element element, Object... args) {
            this(message, element, List.of(args));
        }
    }

    Outputs {
        resources = List.copyOf(resources);
        notes = List.copyOf(notes);
    }

    Outputs plus(Resource resource) {
        var all = new java.util.ArrayList<>(resources);
        all.add(resource);
        return new Outputs(all, notes, historyChange);
    }
}
