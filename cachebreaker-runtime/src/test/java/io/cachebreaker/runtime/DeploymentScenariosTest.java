package io.cachebreaker.runtime;

import static io.cachebreaker.runtime.testing.Http.header;
import static io.cachebreaker.runtime.testing.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.serving.AssetSite;
import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.MutableClock;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletRegistration;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scenarios that each need their own deployment: strategies, rollback, settings, registration and start-up. */
// Every test talks to a container over sockets: a hang fails the test instead of the build's fork timeout.
@Timeout(60)
abstract class DeploymentScenariosTest {
    @TempDir
    Path work;

    abstract Container.Factory factory();

    private Container.Setup setup(ClassLoader loader, MutableClock clock) {
        return new Container.Setup(loader, work)
                .initializer((classes, context) -> context.setAttribute(SiteRegistry.CLOCK_ATTRIBUTE, clock))
                .initializer(new CachebreakerInitializer());
    }

    private ClassLoader standardSite(String token, TokenStrategy strategy) {
        return SiteFixture.standard(work.resolve("classes"), token, strategy).write();
    }

    private static MutableClock clock() {
        return new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    }

    private static HttpResponse<byte[]> get(Container on, String path, String... headers) throws Exception {
        return send("GET", on, path, headers);
    }

    // ------------------------------------------------------------------------------------------- token order

    static Stream<Arguments> strategies() {
        // Where the rule and the text disagree (999 vs 1000, 1.9.0 vs 1.10.0, a snapshot vs its release, rel-9 vs
        // rel-10), the older token sorts after the current one as text, so a string comparison would get it wrong.
        // The malformed token is legal but not of the strategy's form (404 from the servlet), except an encoded
        // slash, which the decoder, and each container before it, refuses as a bad request.
        return Stream.of(
                Arguments.of(TokenStrategy.TIMESTAMP, "1000", "999", "1001", "12a", 404),
                Arguments.of(TokenStrategy.GIT, "20261124213206-a1b2c3d", "20261124213206-a1b2c3c-dirty",
                        "20261124213206-a1b2c3d-dirty", "20261124213206", 404),
                Arguments.of(TokenStrategy.VERSION, "1.10.0", "1.9.0", "1.10.1", "x".repeat(65), 404),
                Arguments.of(TokenStrategy.VERSION, "1.5.0", "1.5.0-SNAPSHOT-20261124213206", "1.5.0-sp1",
                        "1.0%2B1", 404),
                Arguments.of(TokenStrategy.EXPLICIT, "rel-10", "rel-9", "rel-11", "rel%2F1", 400));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void eachStrategyOrdersTokensByItsOwnRule(TokenStrategy strategy, String current, String older, String newer,
            String malformed, int malformedStatus) throws Exception {
        try (Container on = factory().start(setup(standardSite(current, strategy), clock()))) {
            assertEquals(200, get(on, "/ctx/static/" + current + "/css/app.css").statusCode());
            HttpResponse<byte[]> redirect = get(on, "/ctx/static/" + older + "/css/app.css");
            assertEquals(301, redirect.statusCode(), older + " is older than " + current);
            assertEquals("/ctx/static/" + current + "/css/app.css", header(redirect, "Location"));
            assertEquals(503, get(on, "/ctx/static/" + newer + "/css/app.css").statusCode(),
                    newer + " is newer than " + current);
            assertEquals(malformedStatus, get(on, "/ctx/static/" + malformed + "/css/app.css").statusCode(),
                    malformed);
        }
    }

    // ------------------------------------------------------------------------------------------- rollback

    @Test
    void aNewerTokenGets503OnlyForItsGracePeriodThenATemporaryRedirect() throws Exception {
        MutableClock clock = clock();
        String current = "20261124213206-a1b2c3d";
        Container.Setup setup = setup(standardSite(current, TokenStrategy.GIT), clock)
                .param(Setting.NEWER_TOKEN_LIMIT.key(), "2");
        try (Container on = factory().start(setup)) {
            String withdrawn = "/ctx/static/20261201000000-beef/css/app.css?v=2";
            assertEquals(503, get(on, withdrawn).statusCode());
            clock.advance(Duration.ofMinutes(9));
            assertEquals(503, get(on, withdrawn).statusCode(), "still within the default 10 minutes");
            clock.advance(Duration.ofMinutes(1));
            HttpResponse<byte[]> after = get(on, withdrawn);
            assertEquals(302, after.statusCode(), "grace over: no 503 loop after a rollback");
            assertEquals("/ctx/static/" + current + "/css/app.css?v=2", header(after, "Location"));
            assertEquals("no-store", header(after, "Cache-Control"));
            clock.advance(Duration.ofDays(30));
            assertEquals(302, get(on, withdrawn).statusCode(), "and it stays a redirect");
            assertEquals(404, get(on, "/ctx/static/20261201000000-beef/css/new-in-that-release.css").statusCode());

            // Bounded memory, two tokens: a full tracker makes room only by dropping an entry whose grace is over;
            // with both entries in grace, an unseen newer token is not tracked and is redirected at once.
            assertEquals(503, get(on, "/ctx/static/20261202000000-aaaa/css/app.css").statusCode());
            assertEquals(503, get(on, "/ctx/static/20261203000000-bbbb/css/app.css").statusCode(),
                    "replaces the withdrawn token, whose grace is over");
            assertEquals(302, get(on, "/ctx/static/20261204000000-cccc/css/app.css").statusCode());
            assertEquals(302, get(on, withdrawn).statusCode(), "a forgotten token does not get a second grace");
            AssetSite site = (AssetSite) on.servletContext().getAttribute(SiteRegistry.SITE_ATTRIBUTE);
            assertNotNull(site);
        }
    }

    // ------------------------------------------------------------------------------------------- settings

    @Test
    void settingsChangeTheHeaders() throws Exception {
        String token = "20261124213206-a1b2c3d";
        Container.Setup setup = setup(standardSite(token, TokenStrategy.GIT), clock())
                .param(Setting.CACHE_MAX_AGE.key(), "60")
                .param(Setting.IMMUTABLE.key(), "false")
                .param(Setting.RETRY_AFTER.key(), "7")
                .param(Setting.REDIRECT_STATUS.key(), "308")
                .param(Setting.REDIRECT_MAX_AGE.key(), "0")
                .param(Setting.ERROR_MAX_AGE.key(), "30")
                .param(Setting.NEWER_TOKEN_GRACE.key(), "0")
                .param(Setting.BASE_URL.key(), "https://cdn.example.com/app/")
                .param(Setting.STRICT.key(), "false");
        try (Container on = factory().start(setup)) {
            assertEquals("public, max-age=60", header(get(on, "/ctx/static/" + token + "/css/app.css"),
                    "Cache-Control"));
            HttpResponse<byte[]> redirect = get(on, "/ctx/static/20250101000000-abcd/css/app.css");
            assertEquals(308, redirect.statusCode());
            assertEquals("no-store", header(redirect, "Cache-Control"));
            assertEquals("/ctx/static/" + token + "/css/app.css", header(redirect, "Location"),
                    "redirects stay on this host even with a base URL");
            assertEquals(302, get(on, "/ctx/static/20270101000000-abcd/css/app.css").statusCode(),
                    "no grace at all");
            assertEquals("public, max-age=30", header(get(on, "/ctx/static/" + token + "/nope.css"),
                    "Cache-Control"));
            AssetUrls urls = AssetUrls.of(on.servletContext());
            assertEquals("https://cdn.example.com/app/static/" + token + "/css/app.css", urls.url("css/app.css"));
            assertEquals("https://cdn.example.com/app/static/" + token + "/css/not%20listed.css",
                    urls.url("css/not listed.css"), "lenient");
            assertEquals("", urls.integrity("css/not listed.css"));
        }
    }

    @Test
    void aSystemPropertyOverridesTheInitParameter() throws Exception {
        String token = "20261124213206-a1b2c3d";
        Container.Setup setup = setup(standardSite(token, TokenStrategy.GIT), clock())
                .param(Setting.RETRY_AFTER.key(), "7");
        System.setProperty(Setting.RETRY_AFTER.key(), "11");
        try (Container on = factory().start(setup)) {
            assertEquals("11", header(get(on, "/ctx/static/20991231000000-abcd/css/app.css"), "Retry-After"));
        } finally {
            System.clearProperty(Setting.RETRY_AFTER.key());
        }
    }

    @Test
    void anInvalidSettingFailsStartUp() throws Exception {
        String message = startUpFailure(new Container.Setup(standardSite("20261124213206-a1b2c3d", TokenStrategy.GIT),
                work).param(Setting.REDIRECT_STATUS.key(), "200"), new CachebreakerInitializer());
        assertTrue(message.contains("cachebreaker.redirectStatus"), message);
    }

    // ------------------------------------------------------------------------------------------- context path

    @Test
    void theRootContextPathWorksAndRedirectsNeverStartWithTwoSlashes() throws Exception {
        String token = "20261124213206-a1b2c3d";
        try (Container on = factory().start(setup(standardSite(token, TokenStrategy.GIT), clock())
                .contextPath(""))) {
            assertEquals(200, get(on, "/static/" + token + "/css/app.css").statusCode());
            HttpResponse<byte[]> redirect = get(on, "/static/20250101000000-abcd/css/app.css");
            assertEquals("/static/" + token + "/css/app.css", header(redirect, "Location"));
            assertEquals("/static/" + token + "/css/app.css", AssetUrls.of(on.servletContext()).url("css/app.css"));
        }
    }

    @Test
    void aPrefixWithSegmentsAfterTheTokenIsHonoured() throws Exception {
        String token = "rel-3";
        SiteFixture site = new SiteFixture(work.resolve("classes"), token, TokenStrategy.EXPLICIT,
                "assets/v/{token}/public");
        site.asset("app.js", "x()".getBytes(StandardCharsets.UTF_8));
        try (Container on = factory().start(setup(site.write(), clock()))) {
            assertEquals(200, get(on, "/ctx/assets/v/rel-3/public/app.js").statusCode());
            assertEquals(404, get(on, "/ctx/assets/v/rel-3/app.js").statusCode());
            assertEquals("/ctx/assets/v/rel-3/public/app.js",
                    header(get(on, "/ctx/assets/v/rel-2/public/app.js"), "Location"));
            assertEquals("/ctx/assets/v/rel-3/public/app.js", AssetUrls.of(on.servletContext()).url("app.js"));
        }
    }

    // ------------------------------------------------------------------------------------------- registration

    @Test
    void autoRegisterFalseOptsOutAndTheOneLinerRegisters() throws Exception {
        String token = "20261124213206-a1b2c3d";
        List<ServletRegistration.Dynamic> registrations = new ArrayList<>();
        Container.Setup setup = new Container.Setup(standardSite(token, TokenStrategy.GIT), work)
                .param(Setting.AUTO_REGISTER.key(), "false")
                .initializer(new CachebreakerInitializer());
        try (Container on = factory().start(setup)) {
            assertTrue(on.available());
            assertEquals(404, get(on, "/ctx/static/" + token + "/css/app.css").statusCode(), "not mounted");
        }
        Container.Setup programmatic = new Container.Setup(standardSite(token, TokenStrategy.GIT), work)
                .param(Setting.AUTO_REGISTER.key(), "false")
                .initializer(new CachebreakerInitializer())
                .initializer((classes, context) -> {
                    registrations.add(CachebreakerServlet.register(context));
                    registrations.add(CachebreakerServlet.register(context));
                });
        try (Container on = factory().start(programmatic)) {
            assertEquals(200, get(on, "/ctx/static/" + token + "/css/app.css").statusCode());
            assertEquals(2, registrations.size());
            assertTrue(registrations.get(1).getMappings().contains("/static/*"), "idempotent");
            assertSame(AssetUrls.of(on.servletContext()), on.servletContext().getAttribute(AssetUrls.ATTRIBUTE));
        }
    }

    @Test
    void settingsGivenInCodeAreUsedInsteadOfInitParametersAndTheFirstRegistrationWins() throws Exception {
        String token = "20261124213206-a1b2c3d";
        CachebreakerSettings inCode = CachebreakerSettings.builder()
                .retryAfter(Duration.ofSeconds(8))
                .cacheMaxAge(Duration.ofSeconds(120))
                .build();
        Container.Setup setup = new Container.Setup(standardSite(token, TokenStrategy.GIT), work)
                .param(Setting.RETRY_AFTER.key(), "7")
                .initializer((classes, context) -> {
                    CachebreakerServlet.register(context, inCode);
                    // Later callers get the site as the first registration built it.
                    CachebreakerServlet.register(context, CachebreakerSettings.builder().retryAfter(
                            Duration.ofSeconds(1)).build());
                    CachebreakerServlet.register(context);
                });
        try (Container on = factory().start(setup)) {
            assertTrue(on.available());
            HttpResponse<byte[]> asset = get(on, "/ctx/static/" + token + "/css/app.css");
            assertEquals(200, asset.statusCode());
            assertEquals("public, max-age=120, immutable", header(asset, "Cache-Control"));
            assertEquals("8", header(get(on, "/ctx/static/20991231000000-abcd/css/app.css"), "Retry-After"),
                    "not the init parameter's 7, nor the second registration's 1");
            AssetSite site = (AssetSite) on.servletContext().getAttribute(SiteRegistry.SITE_ATTRIBUTE);
            assertSame(inCode, site.settings());
            assertSame(AssetUrls.of(on.servletContext()), AssetUrls.of(on.servletContext(),
                    CachebreakerSettings.builder().baseUrl("https://cdn.example.com").build()), "the first one stays");
        }
        // With no servlet registered (as with a mock servlet context), the helper takes the settings it is given.
        try (Container on = factory().start(new Container.Setup(standardSite(token, TokenStrategy.GIT), work))) {
            AssetUrls urls = AssetUrls.of(on.servletContext(),
                    CachebreakerSettings.builder().baseUrl("https://cdn.example.com/app").build());
            assertEquals("https://cdn.example.com/app/static/" + token + "/css/app.css", urls.url("css/app.css"));
        }
    }

    @Test
    void aServletTheApplicationRegisteredItselfIsLeftAlone() throws Exception {
        String token = "20261124213206-a1b2c3d";
        Container.Setup setup = new Container.Setup(standardSite(token, TokenStrategy.GIT), work)
                // As Spring Boot's ServletRegistrationBean does: an instance, a mapping, no load-on-startup.
                .initializer((classes, context) -> context.addServlet("mine", new CachebreakerServlet())
                        .addMapping("/static/*"))
                .initializer(new CachebreakerInitializer());
        try (Container on = factory().start(setup)) {
            assertTrue(on.available());
            assertEquals(null, on.servletContext().getServletRegistration(CachebreakerServlet.NAME),
                    "the initializer did not add a second servlet");
            assertEquals(200, get(on, "/ctx/static/" + token + "/css/app.css").statusCode());
            assertEquals("/ctx/static/" + token + "/css/app.css",
                    ((AssetUrls) on.servletContext().getAttribute("cachebreaker")).url("css/app.css"));
        }
    }

    @Test
    void withoutATokenFileTheInitializerStaysOutOfTheWay() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Container.Setup setup = new Container.Setup(SiteFixture.loader(empty), work)
                .initializer(new CachebreakerInitializer());
        try (Container on = factory().start(setup)) {
            assertTrue(on.available());
            TokenFileException e = assertThrows(TokenFileException.class, () -> AssetUrls.of(on.servletContext()));
            assertTrue(e.getMessage().contains("META-INF/cachebreaker.properties"), e.getMessage());
            assertTrue(e.getMessage().contains("before packaging"), e.getMessage());
        }
    }

    @Test
    void registeringWithoutATokenFileFailsStartUpSayingHowToProduceIt() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        String message = startUpFailure(new Container.Setup(SiteFixture.loader(empty), work),
                (classes, context) -> CachebreakerServlet.register(context));
        assertTrue(message.contains("cachebreaker-maven-plugin"), message);
        assertTrue(message.contains("process-resources"), message);
    }

    @Test
    void aMalformedTokenFileFailsStartUp() throws Exception {
        Path root = work.resolve("bad");
        Files.createDirectories(root.resolve("META-INF"));
        Files.writeString(root.resolve("META-INF/cachebreaker.properties"), "format=1\nstrategy=git\ntoken=nope\n");
        String message = startUpFailure(new Container.Setup(SiteFixture.loader(root), work),
                new CachebreakerInitializer());
        assertTrue(message.contains("malformed"), message);
    }

    @Test
    void twoTokenFilesOnTheClassPathFailStartUpNamingBoth() throws Exception {
        SiteFixture.standard(work.resolve("war"), "rel-2", TokenStrategy.EXPLICIT).write();
        SiteFixture.standard(work.resolve("library"), "lib-1", TokenStrategy.EXPLICIT).write();
        ClassLoader both = new java.net.URLClassLoader(new java.net.URL[] {
            work.resolve("war").toUri().toURL(), work.resolve("library").toUri().toURL()}, null);
        String message = startUpFailure(new Container.Setup(both, work), new CachebreakerInitializer());
        assertTrue(message.contains(work.resolve("war").toUri().toURL() + "META-INF/cachebreaker.properties"), message);
        assertTrue(message.contains(work.resolve("library").toUri().toURL() + "META-INF/cachebreaker.properties"),
                message);
        assertTrue(message.contains("only in the module that is packaged as the application"), message);
    }

    @Test
    void anAssetMissingFromTheClassPathFailsStartUp() throws Exception {
        SiteFixture site = SiteFixture.standard(work.resolve("classes"), "20261124213206-a1b2c3d", TokenStrategy.GIT);
        ClassLoader loader = site.write();
        Files.delete(work.resolve("classes/static/20261124213206-a1b2c3d/css/app.css.gz"));
        String message = startUpFailure(new Container.Setup(loader, work), new CachebreakerInitializer());
        assertTrue(message.contains("css/app.css.gz"), message);
    }

    /** Starts a deployment that must fail, and returns the message of what stopped it. */
    private String startUpFailure(Container.Setup setup, ServletContainerInitializer initializer) throws Exception {
        try (Container on = factory().start(setup.initializer(initializer).expectingStartupFailure())) {
            assertFalse(on.available(), "start-up fails");
            assertNotNull(on.startupFailure(), "the initializer threw");
            return on.startupFailure().getMessage();
        }
    }
}
