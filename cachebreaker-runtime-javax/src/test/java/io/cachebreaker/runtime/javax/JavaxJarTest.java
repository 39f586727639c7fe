package io.cachebreaker.runtime.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerInitializer;
import io.cachebreaker.runtime.CachebreakerServlet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.servlet.ServletContainerInitializer;
import org.junit.jupiter.api.Test;

/**
 * The relocated jar itself: what it holds, what it refers to and what its published POM asks for.
 *
 * <p>The tests here compile against the jakarta runtime (test-compile comes before package) but run against the
 * shaded jar, so they name runtime types whose supertypes are relocated by name rather than by type.
 */
class JavaxJarTest {
    static final Path JAR = Path.of(System.getProperty("cachebreaker.javaxJar", "missing.jar"));
    static final Path REDUCED_POM = Path.of(System.getProperty("cachebreaker.reducedPom", "missing.xml"));

    @Test
    void theTestsRunAgainstTheShadedJar() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built before the tests run");
        Path loadedFrom = Path.of(CachebreakerServlet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(JAR.toRealPath(), loadedFrom.toRealPath(), "no jakarta copy of the classes shadows the jar");
        assertEquals("javax.servlet.http.HttpServlet", CachebreakerServlet.class.getSuperclass().getName());
    }

    @Test
    void noClassOrResourceRefersToJakartaServlet() throws IOException {
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                // The embedded copy of this module's POM may mention jakarta; only code and services matter.
                if (entry.isDirectory() || entry.getName().startsWith("META-INF/maven/")) {
                    continue;
                }
                classes += entry.getName().endsWith(".class") ? 1 : 0;
                try (InputStream in = jar.getInputStream(entry)) {
                    // Class files keep names in modified UTF-8, which is plain ASCII for these.
                    String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (text.contains("jakarta/servlet") || text.contains("jakarta.servlet")
                            || entry.getName().contains("jakarta")) {
                        offenders.add(entry.getName());
                    }
                }
            }
        }
        assertTrue(classes > 20, "the runtime's classes are in the jar: " + classes);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertNull(jar.getEntry("META-INF/maven/io.cachebreaker/cachebreaker-runtime/pom.xml"),
                    "the jakarta runtime's POM is left out");
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theInitializerIsAServiceUnderTheJavaxName() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry service = jar.getJarEntry("META-INF/services/javax.servlet.ServletContainerInitializer");
            assertNotNull(service, "the service file is renamed with the relocation");
            try (InputStream in = jar.getInputStream(service)) {
                assertEquals(CachebreakerInitializer.class.getName(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            assertNull(jar.getJarEntry("META-INF/services/jakarta.servlet.ServletContainerInitializer"));
        }
        assertTrue(ServiceLoader.load(ServletContainerInitializer.class).stream()
                .anyMatch(provider -> provider.type().getName().equals(CachebreakerInitializer.class.getName())));
    }

    @Test
    void thePublishedPomNeedsOnlyTheJavaxServletApiProvided() throws IOException {
        String pom = Files.readString(REDUCED_POM, StandardCharsets.UTF_8);
        String dependencies = pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
        for (String dependency : dependencies.split("<dependency>")) {
            if (dependency.contains("<artifactId>cachebreaker-runtime</artifactId>")) {
                assertTrue(dependency.contains("<scope>test</scope>"), "only the test fixtures: " + dependency);
            }
        }
        assertFalse(dependencies.contains("jakarta"), dependencies);
        int api = dependencies.indexOf("<artifactId>javax.servlet-api</artifactId>");
        assertTrue(api > 0, dependencies);
        String apiDependency = dependencies.substring(api, dependencies.indexOf("</dependency>", api));
        assertTrue(apiDependency.contains("<scope>provided</scope>"), apiDependency);
    }
}
