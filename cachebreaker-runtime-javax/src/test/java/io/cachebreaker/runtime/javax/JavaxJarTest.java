package io.cachebreaker.runtime.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerInitializer;
import io.cachebreaker.runtime.CachebreakerServlet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Path loadedFrom = Path.of(
                CachebreakerServlet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(JAR.toRealPath(), loadedFrom.toRealPath(), "no jakarta copy of the classes shadows the jar");
        assertEquals("javax.servlet.http.HttpServlet", CachebreakerServlet.class.getSuperclass().getName());
    }

    /** @return every file in the jar, by name, in jar order */
    static Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    @Test
    void noClassOrResourceRefersToJakartaServlet() throws IOException {
        Map<String, byte[]> files = files();
        assertTrue(files.keySet().stream().filter(name -> name.endsWith(".class")).count() > 20,
                "the runtime's classes are in the jar");
        assertFalse(files.containsKey("META-INF/maven/io.cachebreaker/cachebreaker-runtime/pom.xml"),
                "the jakarta runtime's POM is left out");
        List<String> offenders = new ArrayList<>();
        files.forEach((name, bytes) -> {
            // Class files keep names in modified UTF-8, which is plain ASCII for these.
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            // The embedded copy of this module's POM may mention jakarta; only code and services matter.
            if (!name.startsWith("META-INF/maven/") && (text.contains("jakarta/servlet")
                    || text.contains("jakarta.servlet") || name.contains("jakarta"))) {
                offenders.add(name);
            }
        });
        assertEquals(List.of(), offenders);
    }

    @Test
    void everyServletMemberUsedExistsInServlet4() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, byte[]> file : files().entrySet()) {
            if (file.getKey().endsWith(".class")) {
                for (ServletApiReferences.Member member
                        : ServletApiReferences.read(new ByteArrayInputStream(file.getValue()))) {
                    checked++;
                    if (!exists(member)) {
                        missing.add(file.getKey() + " -> " + member);
                    }
                }
            }
        }
        assertTrue(checked > 20, "the servlet layer's references are found: " + checked);
        assertEquals(List.of(), missing);
        assertFalse(exists(new ServletApiReferences.Member("javax/servlet/ServletRequest", "getRequestId",
                "()Ljava/lang/String;")), "a Servlet 6 method would be caught");
    }

    /** Whether the Servlet 4 API on the test class path (javax.servlet-api 4.0.1) has the member. */
    private static boolean exists(ServletApiReferences.Member member) {
        Class<?> owner;
        try {
            owner = Class.forName(member.owner().replace('/', '.'), false, JavaxJarTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        if (member.name() == null) {
            return true;
        }
        List<Class<?>> types = new ArrayList<>();
        collectSupertypes(owner, types);
        for (Class<?> type : types) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (field.getName().equals(member.name())
                        && field.getType().descriptorString().equals(member.descriptor())) {
                    return true;
                }
            }
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(member.name()) && MethodType.methodType(method.getReturnType(),
                        method.getParameterTypes()).toMethodDescriptorString().equals(member.descriptor())) {
                    return true;
                }
            }
            for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (member.name().equals("<init>") && MethodType.methodType(void.class,
                        constructor.getParameterTypes()).toMethodDescriptorString().equals(member.descriptor())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collectSupertypes(Class<?> type, List<Class<?>> into) {
        if (type == null || into.contains(type)) {
            return;
        }
        into.add(type);
        collectSupertypes(type.getSuperclass(), into);
        for (Class<?> parent : type.getInterfaces()) {
            collectSupertypes(parent, into);
        }
    }

    @Test
    void theInitializerIsAServiceUnderTheJavaxName() throws IOException {
        Map<String, byte[]> files = files();
        byte[] service = files.get("META-INF/services/javax.servlet.ServletContainerInitializer");
        assertNotNull(service, "the service file is renamed with the relocation");
        assertEquals(CachebreakerInitializer.class.getName(), new String(service, StandardCharsets.UTF_8).strip());
        assertFalse(files.containsKey("META-INF/services/jakarta.servlet.ServletContainerInitializer"));
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
