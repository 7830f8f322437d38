package dev.driftless.processor;

import com.google.testing.compile.Compilation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the classes and resources an in-memory compilation wrote to its class output. */
public final class CompiledClassLoader extends ClassLoader {

    private final Map<String, byte[]> files = new HashMap<>();

    public CompiledClassLoader(Compilation compilation, ClassLoader parent) {
        super(parent);
        for (JavaFileObject f : compilation.generatedFiles()) {
            String name = f.toUri().getPath();
            int classOutput = name.indexOf("/CLASS_OUTPUT/");
            if (classOutput < 0) {
                continue;
            }
            try (InputStream in = f.openInputStream()) {
                files.put(name.substring(classOutput + "/CLASS_OUTPUT/".length()), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(name, e);
            }
        }
    }

    /** Whether this loader has defined the class (it defines a class the first time it is needed). */
    public boolean defined(String name) {
        return findLoadedClass(name) != null;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = files.get(name.replace('.', '/') + ".class");
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    protected URL findResource(String name) {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            return null;
        }
        try {
            return new URL(null, "memory:/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {}

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
    }
}
