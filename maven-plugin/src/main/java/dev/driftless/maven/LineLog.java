package dev.driftless.maven;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An output stream that hands each complete line to Maven's log (the command line prints lines). */
final class LineLog extends OutputStream {

    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineLog(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    private void emit() {
        sink.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    @Override
    public synchronized void flush() {
        // lines are handed on when they end
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }
}
