package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.CachebreakerInitializer;
import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.JettyContainer;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.testing.TomcatContainer;
import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names with spaces and non-ASCII characters, end to end: the mojo copies them, the manifest lists them, the
 * URL helper encodes them, and the servlet serves them, on Jetty and on Tomcat.
 */
@MojoTest
class BuiltAssetsServeTest {
    /** Each name by its bytes; some are compressible, so their gzip siblings are served too. */
    private static final List<String> NAMES = List.of("img/caf\u00e9 menu.png", "fonts/\u65e5\u672c \u8a9e.woff2",
            "a b/c d.css", "x+y=z,@~.js", "\u00fcber/\u00e9t\u00e9 #1?.txt", "svg/\u4e2d\u6587.svg",
            "sure & certain!.txt", "semi;colon.css", "quote'and(paren).css");

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path tmp;

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "rel-1")
    @MojoParameter(name = "brotli", value = "false")
    void namesWithSpacesAndNonAsciiCharactersWorkEndToEnd(AssetsMojo mojo) throws Exception {
        ProjectFixture project = new ProjectFixture(tmp);
        Path output = project.output;
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String name : NAMES) {
            byte[] bytes = (name + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
            project.write(name, bytes);
            contents.put(name, bytes);
        }
        project.at(mojo).execute();

        TokenFile tokenFile = project.tokenFile();
        assertEquals(contents.keySet().stream().sorted().toList(),
                tokenFile.manifest().assets().stream().map(Asset::path).toList(), "the manifest lists every name");
        String dir = "static/" + tokenFile.token() + "/";
        assertEquals("rel-1-" + io.cachebreaker.runtime.tokenfile.Fingerprint.of(tokenFile.manifest()),
                tokenFile.token());
        for (String name : NAMES) {
            assertArrayEquals(contents.get(name), Files.readAllBytes(output.resolve(dir + name)), name);
        }

        for (Container.Factory factory : List.of(JettyContainer.FACTORY, TomcatContainer.FACTORY)) {
            Container.Setup setup = new Container.Setup(SiteFixture.loader(output), tmp.resolve("work"))
                    .initializer(new CachebreakerInitializer());
            try (Container container = factory.start(setup)) {
                assertTrue(container.available(), "the context starts on the built output");
                AssetUrls urls = AssetUrls.of(container.servletContext());
                for (String name : NAMES) {
                    String url = urls.url(name);
                    assertTrue(url.startsWith("/ctx/" + dir) && url.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                            && url.indexOf(' ') < 0, url);
                    for (String coding : Stream.of("identity", "gzip").toList()) {
                        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(
                                container.origin().resolve(url)).header("Accept-Encoding", coding).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        assertEquals(200, response.statusCode(), name + " at " + url);
                        boolean gzipped = response.headers().firstValue("Content-Encoding").isPresent();
                        byte[] expected = gzipped
                                ? Files.readAllBytes(output.resolve(dir + name + ".gz"))
                                : contents.get(name);
                        assertArrayEquals(expected, response.body(), name + " " + coding);
                    }
                }
            }
        }
    }
}
