package io.cachebreaker.bench.urls;

import io.cachebreaker.bench.Fixtures;
import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.CachebreakerInitializer;
import jakarta.servlet.ServletContext;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 2, URL building: {@link AssetUrls#url(String)} against plain concatenation of the same URL (the floor).
 *
 * <p>The servlet context is a real one: an embedded Tomcat 11 context (no connector) started with the runtime's
 * initializer, whose class loader finds the token file and the assets in a generated tree, so
 * {@code AssetUrls.of(context)} does what it does in an application. Paths and the context come from non-final
 * state fields, so nothing is constant-folded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AssetUrlsBench {
    /** Asset paths of the generated tree. */
    @Param({"css/small.css", "js/medium.js"})
    public String path;

    /** The application's context path, as the helper prefixes it. */
    public String contextPath = "/app";
    public String token;
    public ServletContext servletContext;
    public AssetUrls urls;
    private Tomcat tomcat;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path work = Files.createTempDirectory("cachebreaker-jmh-");
        Path classes = work.resolve("classes");
        Fixtures.writeServingTree(classes);
        tomcat = new Tomcat();
        tomcat.setBaseDir(work.resolve("tomcat").toString());
        Context ctx = tomcat.addContext(contextPath, Files.createDirectories(work.resolve("docroot")).toString());
        StandardRoot resources = new StandardRoot(ctx);
        resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes", classes.toString(), "/"));
        ctx.setResources(resources);
        ctx.addServletContainerInitializer(new CachebreakerInitializer(), null);
        tomcat.start();
        servletContext = ctx.getServletContext();
        urls = AssetUrls.of(servletContext);
        token = urls.token();
        String expected = contextPath + "/static/" + token + "/" + path;
        if (!urls.url(path).equals(expected) || !floor().equals(expected)) {
            throw new IllegalStateException("helper gives " + urls.url(path) + ", floor " + floor() + ", expected "
                    + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    /** The floor: the same URL by plain string concatenation. */
    @Benchmark
    public String floor() {
        return contextPath + "/static/" + token + "/" + path;
    }

    /** The helper, held by the caller (a template's model attribute, a field). */
    @Benchmark
    public String helper() {
        return urls.url(path);
    }

    /** The helper found through the servlet context each time, as {@code AssetUrls.of(request)} does. */
    @Benchmark
    public String helperViaContext() {
        return AssetUrls.of(servletContext).url(path);
    }

    /** The Subresource Integrity value, which the helper also offers (no target; for reference). */
    @Benchmark
    public String integrity() {
        return urls.integrity(path);
    }
}
