package io.cachebreaker.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.Http;
import io.cachebreaker.runtime.testing.MutableClock;
import io.cachebreaker.runtime.testing.RawResponse;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import io.cachebreaker.runtime.tokenfile.TokenSyntax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #5's request attack corpus, run once per container by a subclass: path traversal and alias strings from the
 * CVE history of static-file servlets, token edge cases, header abuse, every method but GET and HEAD, a concurrent
 * load and a flood of made-up newer tokens.
 *
 * <p>Every response, whoever wrote it (our servlet or the container refusing first), must hold the same five
 * properties, checked by {@link #assertSafe}: no byte from outside the asset set (canary files sit all around the
 * token directory, and a 200 or 206 body must be an asset's bytes), no 5xx but the deliberate 503 of a newer token,
 * no reflected markup, no redirect off the host, no injected header.
 *
 * <p>The site uses the explicit strategy with token {@code v1}, so that {@code v10} is both a newer token and a
 * prefix collision, and {@code v0} is older.
 */
// Every test talks to a container over sockets: a hang fails the test instead of the build's fork timeout.
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AttackSurfaceContractTest {
    static final String TOKEN = "v1";
    static final String OLDER = "v0";
    static final String BASE = "/ctx/static/" + TOKEN + "/";
    static final int NEWER_TOKEN_LIMIT = 100;

    /** Unique text in every class path file that must never be served. */
    static final Map<String, String> CANARIES = Map.of(
            "META-INF/secret.txt", "CANARY-META-INF",
            "static/other/secret.txt", "CANARY-SIBLING-DIRECTORY",
            "static/secret.txt", "CANARY-NEXT-TO-TOKEN-DIRECTORY",
            "secret.txt", "CANARY-CLASS-PATH-ROOT",
            "static/v10/app.js", "CANARY-PREFIX-COLLISION",
            "static/v1/WEB-INF/web.xml", "CANARY-WEB-INF-IN-TOKEN-DIRECTORY",
            "static/v1/css/app.css.", "CANARY-TRAILING-DOT",
            "static/v1/css/app.css ", "CANARY-TRAILING-SPACE",
            "static/v1/css/app.css.bak", "CANARY-BACKUP");
    /** Canaries of the standard fixture, and text only the token file has. */
    static final List<String> OTHER_SECRETS = List.of("TOP-SECRET", "lastModified=", "asset.css/app.css=");

    Path work;
    SiteFixture site;
    Container container;
    /** SHA-256 of every byte string the servlet may send as a whole body: each asset in each stored coding. */
    final Set<String> allowedBodies = new HashSet<>();
    final List<byte[]> allowedVariants = new ArrayList<>();

    abstract Container.Factory factory();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = dir;
        site = SiteFixture.standard(work.resolve("classes"), TOKEN, TokenStrategy.EXPLICIT);
        CANARIES.forEach((resource, marker) -> site.unlisted(resource, marker.getBytes(StandardCharsets.US_ASCII)));
        ClassLoader loader = site.write();
        for (var asset : site.tokenFile().manifest().assets()) {
            addAllowed(site.bytes(asset.path()));
            for (Encoding encoding : asset.encoded().keySet()) {
                addAllowed(site.bytes(asset.path(), encoding));
            }
        }
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
        container = factory().start(new Container.Setup(loader, work)
                .param(Setting.NEWER_TOKEN_LIMIT.key(), String.valueOf(NEWER_TOKEN_LIMIT))
                .initializer((classes, context) -> context.setAttribute(SiteRegistry.CLOCK_ATTRIBUTE, clock))
                .initializer(new CachebreakerInitializer()));
        assertTrue(container.available(), "the context starts");
    }

    private void addAllowed(byte[] bytes) {
        allowedBodies.add(SiteFixture.sha256(bytes));
        allowedVariants.add(bytes);
    }

    @AfterAll
    void stop() {
        container.close();
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * The five properties every response holds.
     *
     * @param label    what was sent, for messages
     * @param response what came back; status -1 when the container closed the connection without a response, which
     *                 is safe here, and which each caller accepts only where {@link #expectedFor} says so
     * @param head     whether the request was HEAD, whose 200 has no body
     */
    void assertSafe(String label, RawResponse response, boolean head) {
        assertSafe(label, response, head, false);
    }

    /**
     * The five properties, where the container may refuse at the protocol level before any servlet runs: 505 when a
     * raw CR or LF broke the request line (it no longer ends in an HTTP version), 501 for CONNECT (Tomcat).
     */
    void assertSafe(String label, RawResponse response, boolean head, boolean protocolRefusal) {
        int status = response.status();
        String where = label + " -> " + response.head();
        assertTrue(status == -1 || (status >= 200 && status < 500)
                        || (status == 503 && "3".equals(response.header("Retry-After")))
                        || (protocolRefusal && (status == 505 || status == 501)),
                "no 5xx but the deliberate 503: " + where);
        String body = response.bodyText();
        for (String marker : CANARIES.values()) {
            assertFalse(body.contains(marker), "leaked " + marker + ": " + where);
        }
        for (String marker : OTHER_SECRETS) {
            assertFalse(body.contains(marker), "leaked " + marker + ": " + where);
        }
        if (status == 200 && !head) {
            assertTrue(allowedBodies.contains(SiteFixture.sha256(response.body())),
                    "a 200 body is an asset's bytes: " + where);
        }
        if (status == 206) {
            assertTrue(isSliceOfAnAsset(response), "a 206 body is a slice of an asset: " + where);
        }
        String lower = body.toLowerCase(Locale.ROOT);
        for (String markup : List.of("<script", "onmouseover", "onerror", "javascript:", "<svg", "<img", "<iframe")) {
            assertFalse(lower.contains(markup), "reflected " + markup + ": " + where);
        }
        String location = response.header("Location");
        if (location != null) {
            // The query is copied as it came, so only the part before it must stay on this host.
            String path = location.contains("?") ? location.substring(0, location.indexOf('?')) : location;
            // A bounce sends the browser back to the path it asked for, re-encoded, so the request's text may stand in
            // a segment; what must never happen is a second slash or backslash that turns the path into a host.
            assertTrue(path.startsWith("/ctx/static/") && !path.contains("//") && !path.contains("\\")
                    && !path.toLowerCase(Locale.ROOT).contains("%5c") && !path.contains(":/"),
                    "an on-host redirect: " + where);
        }
        for (String injected : List.of("Set-Cookie", "X-Injected", "Refresh")) {
            assertNull(response.header(injected), "injected " + injected + ": " + where);
        }
        response.headers().forEach((name, value) -> assertTrue(name.equals("location")
                || !value.toLowerCase(Locale.ROOT).contains("evil"), "injected text in " + name + ": " + where));
    }

    private boolean isSliceOfAnAsset(RawResponse response) {
        String range = response.header("Content-Range");
        if (range == null || !range.startsWith("bytes ")) {
            return false;
        }
        String[] parts = range.substring(6).split("[-/]");
        int first = Integer.parseInt(parts[0]);
        int last = Integer.parseInt(parts[1]);
        int size = Integer.parseInt(parts[2]);
        for (byte[] variant : allowedVariants) {
            if (variant.length == size && last < size
                    && Arrays.equals(Arrays.copyOfRange(variant, first, last + 1), response.body())) {
                return true;
            }
        }
        return false;
    }

    /** Sends a request byte for byte; headers come in name, value pairs and a Host header replaces the default. */
    RawResponse raw(String method, String target, String... headers) throws IOException {
        return RawResponse.send(container.port(), method, target, headers);
    }

    /** Text whose chars are the UTF-8 bytes of {@code text}, so that {@link #raw} sends raw UTF-8 on the wire. */
    static String utf8OnTheWire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * The exact status this container gives a case. Each case below states the servlet's answer (or, where no
     * servlet can see the request, the standard one); a container that answers first, or differently, says so in
     * its subclass, so a change in either is a failing test rather than another accepted status.
     *
     * @param testCase      the case's label, or for methods {@code "<method> <target>"}
     * @param servletAnswer the status the case states; -1 stands for a connection closed without a response
     * @return the status this container must give
     */
    abstract int expectedFor(String testCase, int servletAnswer);

    /**
     * The {@code Allow} header of a 405: the servlet's, unless the container refuses the method itself.
     *
     * @param testCase {@code "<method> <target>"}
     * @return the header's value
     */
    String expectedAllow(String testCase) {
        return "GET, HEAD";
    }

    static Arguments badRequest(String source, String target) {
        return Arguments.of(source, target, 400);
    }

    static Arguments notFound(String source, String target) {
        return Arguments.of(source, target, 404);
    }

    static Arguments answer(String source, String target, int status) {
        return Arguments.of(source, target, status);
    }

    // ----------------------------------------------------------------------------------- traversal and alias

    static Stream<Arguments> pathAttacks() {
        String noDot = utf8OnTheWire("\u012e"); // 'Į': its low byte is 0x2E, '.' once truncated to a byte
        String noSlash = utf8OnTheWire("\u012f"); // 'į': low byte 0x2F, '/'
        return Stream.of(
                // Tomcat CVE-2007-0450: %2F and %5C taken as separators behind a proxy
                badRequest("CVE-2007-0450 %2F", BASE + "..%2F..%2FMETA-INF%2Fsecret.txt"),
                badRequest("CVE-2007-0450 %2F in the token", "/ctx/static/v1%2F..%2F..%2FMETA-INF%2Fsecret.txt"),
                badRequest("CVE-2007-0450 %2F after the mount", "/ctx/static%2Fv1%2Fcss%2Fapp.css"),
                badRequest("CVE-2007-0450 %5C", BASE + "..%5C..%5CWEB-INF%5Cweb.xml"),
                badRequest("CVE-2007-0450 %5c lower case", BASE + "css%5c..%5c..%5csecret.txt"),
                badRequest("CVE-2007-0450 raw backslash", BASE + "..\\..\\WEB-INF\\web.xml"),
                // Tomcat CVE-2008-2938: overlong UTF-8 for '.' and '/'
                badRequest("CVE-2008-2938 %c0%ae", BASE + "%c0%ae%c0%ae/%c0%ae%c0%ae/META-INF/secret.txt"),
                badRequest("CVE-2008-2938 %c0%af", BASE + "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afsecret.txt"),
                badRequest("CVE-2008-2938 3-byte overlong", BASE + "%e0%80%ae%e0%80%ae/secret.txt"),
                badRequest("CVE-2008-2938 4-byte overlong", BASE + "%f0%80%80%ae%f0%80%80%ae/secret.txt"),
                badRequest("CVE-2008-2938 overlong backslash", BASE + "..%c1%9c..%c1%9csecret.txt"),
                // Jetty CVE-2021-28164: encoded dot segments
                notFound("CVE-2021-28164 /%2e/WEB-INF", BASE + "%2e/WEB-INF/web.xml"),
                notFound("CVE-2021-28164 at the context", "/ctx/%2e/WEB-INF/web.xml"),
                notFound("CVE-2021-28164 %2e%2e", BASE + "%2e%2e/%2e%2e/META-INF/secret.txt"),
                notFound("CVE-2021-28164 mixed .%2e", BASE + "css/.%2e/.%2e/.%2e/secret.txt"),
                notFound("CVE-2021-28164 before the token", "/ctx/static/%2e/v1/css/app.css"),
                // Jetty CVE-2021-28169: double decoding
                badRequest("CVE-2021-28169 %2557EB-INF", BASE + "%2557EB-INF/web.xml"),
                notFound("CVE-2021-28169 at the context", "/ctx/%2557EB-INF/web.xml"),
                badRequest("CVE-2021-28169 %252e%252e", BASE + "%252e%252e/%252e%252e/META-INF/secret.txt"),
                badRequest("CVE-2021-28169 %25 twice", BASE + "%25252e%25252e/secret.txt"),
                // Jetty CVE-2021-34429: %u002e and .%00
                badRequest("CVE-2021-34429 /%u002e/", BASE + "%u002e/WEB-INF/web.xml"),
                badRequest("CVE-2021-34429 at the context", "/ctx/%u002e/WEB-INF/web.xml"),
                badRequest("CVE-2021-34429 %u002e%u002e", BASE + "%u002e%u002e/%u002e%u002e/META-INF/secret.txt"),
                badRequest("CVE-2021-34429 /.%00/", BASE + ".%00/WEB-INF/web.xml"),
                badRequest("CVE-2021-34429 ..%00", BASE + "..%00/..%00/secret.txt"),
                badRequest("CVE-2021-34429 NUL before an extension", BASE + "css/app.css%00.png"),
                // Spring CVE-2018-1271: double-encoded ..\ (Windows)
                badRequest("CVE-2018-1271 %255c", BASE + "%255c..%255c..%255cWEB-INF%255cweb.xml"),
                badRequest("CVE-2018-1271 ..%255c", BASE + "..%255c..%255csecret.txt"),
                badRequest("CVE-2018-1271 all double", BASE + "%252e%252e%255c%252e%252e%255cMETA-INF%255csecret.txt"),
                // Spring CVE-2025-41242: raw non-ASCII truncated to '.' and '/', and Jetty's %uXXXX decoding
                badRequest("CVE-2025-41242 raw U+012E", BASE + noDot + noDot + "/" + noDot + noDot
                        + "/META-INF/secret.txt"),
                badRequest("CVE-2025-41242 raw U+012F", BASE + noDot + noDot + noSlash + noDot + noDot + noSlash
                        + "secret.txt"),
                badRequest("CVE-2025-41242 %u012e", BASE + "%u012e%u012e/%u012e%u012e/secret.txt"),
                notFound("CVE-2025-41242 encoded U+012E", BASE + "%c4%ae%c4%ae/%c4%ae%c4%ae/META-INF/secret.txt"),
                // path parameters
                notFound("path parameter ..;/", BASE + "..;/..;/WEB-INF/web.xml"),
                badRequest("path parameter before the token", "/ctx/static/..;/static/v1/css/app.css"),
                notFound("path parameter on the mount", "/ctx/static;x=1/v1/css/app.css"),
                notFound("path parameter on the context", "/ctx;x=1/static/v1/css/app.css"),
                badRequest("path parameter on the token", "/ctx/static/v1;jsessionid=ABC/css/app.css"),
                badRequest("path parameter on a segment", BASE + "css;/app.css"),
                badRequest("path parameter as an extension", BASE + "css/app.css;.js"),
                // file: and url: prefixes
                notFound("file: prefix", BASE + "file:/etc/passwd"),
                notFound("file:/// prefix", BASE + "file:///etc/passwd"),
                badRequest("file: encoded", BASE + "file:%2F%2F%2Fetc%2Fpasswd"),
                notFound("url: prefix", BASE + "url:file:/etc/passwd"),
                notFound("jar: prefix", BASE + "jar:file:/x.jar!/META-INF/secret.txt"),
                notFound("classpath: prefix", BASE + "classpath:META-INF/secret.txt"),
                notFound("classpath: prefix at the root", BASE + "classpath:/secret.txt"),
                notFound("file: as the token", "/ctx/static/file:/etc/passwd"),
                // Windows names
                notFound("Windows ::$DATA", BASE + "css/app.css::$DATA"),
                notFound("Windows ::%24DATA", BASE + "css/app.css::%24DATA"),
                notFound("Windows trailing dot", BASE + "css/app.css."),
                notFound("Windows trailing space", BASE + "css/app.css%20"),
                notFound("Windows trailing space and dot", BASE + "css/app.css%20."),
                notFound("Windows case folding", BASE + "CSS/APP.CSS"),
                notFound("Windows short name", BASE + "css/app~1.css"),
                badRequest("Windows drive, backslashes", BASE + "C:%5Cwindows%5Cwin.ini"),
                notFound("Windows drive, slashes", BASE + "C:/windows/win.ini"),
                badRequest("Windows drive, raw backslashes", BASE + "C:\\windows\\win.ini"),
                notFound("Windows WEB-INF with a trailing dot", BASE + "WEB-INF./web.xml"),
                notFound("Windows WEB-INF with a trailing space", BASE + "WEB-INF%20/web.xml"),
                notFound("Windows device name", BASE + "con"),
                // canaries and unlisted files
                notFound("unlisted file in the token directory", BASE + "secret.txt"),
                notFound("WEB-INF in the token directory", BASE + "WEB-INF/web.xml"),
                notFound("backup next to an asset", BASE + "css/app.css.bak"),
                notFound("file next to the token directory", "/ctx/static/secret.txt"),
                notFound("sibling directory", "/ctx/static/other/secret.txt"),
                notFound("class path root", "/ctx/secret.txt"),
                notFound("META-INF at the context", "/ctx/META-INF/secret.txt"),
                notFound("the token file", "/ctx/META-INF/cachebreaker.properties"),
                notFound("the token file below the token", BASE + "META-INF/cachebreaker.properties"),
                notFound("WEB-INF at the context", "/ctx/WEB-INF/web.xml"),
                notFound("a stored variant by name", BASE + "css/app.css.gz"),
                notFound("the token directory", BASE),
                notFound("markup in the path", BASE + "%3Cscript%3Ealert(1)%3C/script%3E.css"),
                notFound("markup in the token", "/ctx/static/%3Cimg%20src=x%20onerror=alert(1)%3E/x.css"),
                badRequest("markup raw", BASE + "<script>alert(1)</script>.css"),
                // token edge cases
                notFound("empty token", "/ctx/static//css/app.css"),
                notFound("empty token before the real one", "/ctx/static//v1/css/app.css"),
                notFound("token '.'", "/ctx/static/./css/app.css"),
                notFound("token '.' before the real one", "/ctx/static/./v1/css/app.css"),
                notFound("token '..'", "/ctx/static/../static/v1/css/app.css"),
                notFound("token '..' to META-INF", "/ctx/static/../META-INF/secret.txt"),
                notFound("token %2e", "/ctx/static/%2e/css/app.css"),
                notFound("token %2e%2e", "/ctx/static/%2e%2e/css/app.css"),
                badRequest("encoded slash in the token", "/ctx/static/v%2F1/css/app.css"),
                badRequest("encoded slash ending the token", "/ctx/static/v1%2Fcss/app.css"),
                badRequest("encoded backslash in the token", "/ctx/static/v%5C1/css/app.css"),
                notFound("10 KB token", "/ctx/static/" + "v".repeat(10 * 1024) + "/css/app.css"),
                notFound("token one past the limit",
                        "/ctx/static/" + "v".repeat(TokenSyntax.MAX_LENGTH + 1) + "/css/app.css"),
                notFound("non-ASCII token, encoded", "/ctx/static/v%C3%A91/css/app.css"),
                badRequest("non-ASCII token, raw", "/ctx/static/" + utf8OnTheWire("v\u00e91") + "/css/app.css"),
                notFound("fullwidth token", "/ctx/static/%EF%BD%961/css/app.css"),
                badRequest("NUL in the token", "/ctx/static/v1%00/css/app.css"),
                answer("prefix collision v1 against v10/app.js", "/ctx/static/v10/app.js", 503),
                answer("prefix collision without a separator", "/ctx/static/v1" + "0/app.js", 503),
                answer("token with a trailing dot", "/ctx/static/v1./css/app.css", 503),
                answer("token in another case", "/ctx/static/V1/css/app.css", 301),
                // off-host redirect attempts through an older token
                notFound("older token, // after it", "/ctx/static/" + OLDER + "//evil.example/css/app.css"),
                badRequest("older token, encoded //", "/ctx/static/" + OLDER + "/%2F%2Fevil.example/x.css"),
                badRequest("older token, backslashes", "/ctx/static/" + OLDER + "/\\\\evil.example/x.css"),
                badRequest("absolute-form request target", "http://evil.example/ctx/static/" + OLDER
                        + "/css/app.css"),
                badRequest("absolute-form target, bad path", "http://evil.example" + BASE + "../../secret.txt"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pathAttacks")
    void pathAttacksServeNothingOutsideTheAssets(String source, String target, int status) throws Exception {
        RawResponse response = raw("GET", target);
        assertSafe(source, response, false);
        assertEquals(expectedFor(source, status), response.status(), source + ": " + response.head());
        RawResponse head = raw("HEAD", target);
        assertSafe(source + " (HEAD)", head, true);
        assertEquals(expectedFor(source, status), head.status(), source + " (HEAD): " + head.head());
    }

    // ----------------------------------------------------------------------------------------- header abuse

    static Stream<Arguments> headerAttacks() {
        StringBuilder thousand = new StringBuilder("bytes=");
        for (int i = 0; i < 1000; i++) {
            thousand.append(i == 0 ? "" : ",").append(i).append('-').append(i);
        }
        String etag = '"' + SiteFixture.sha256(SiteFixture.pattern(200_000)) + '"';
        String bigList = "\"x\", ".repeat(1200) + etag;
        return Stream.of(
                Arguments.of("Range of 1000 ranges", new String[] {"Range", thousand.toString()}, 200),
                Arguments.of("Range past the end", new String[] {"Range", "bytes=200000-"}, 416),
                Arguments.of("Range far past the end", new String[] {"Range", "bytes=99999999999999999999-"}, 416),
                Arguments.of("Range end past the end", new String[] {"Range", "bytes=199999-99999999999999999999"},
                        206),
                Arguments.of("Range suffix longer than the asset", new String[] {"Range", "bytes=-9999999999999"},
                        206),
                Arguments.of("Range suffix of zero", new String[] {"Range", "bytes=-0"}, 416),
                Arguments.of("Range reversed", new String[] {"Range", "bytes=5-1"}, 200),
                Arguments.of("Range negative", new String[] {"Range", "bytes=-1-2"}, 200),
                Arguments.of("Range not numbers", new String[] {"Range", "bytes=x-y"}, 200),
                Arguments.of("Range of another unit", new String[] {"Range", "items=0-1"}, 200),
                Arguments.of("Range overlong", new String[] {"Range", "bytes=0-" + "9".repeat(300)}, 200),
                Arguments.of("Range with a bad If-Range", new String[] {"Range", "bytes=0-0", "If-Range", "garbage"},
                        200),
                Arguments.of("malformed If-Modified-Since", new String[] {"If-Modified-Since", "garbage"}, 200),
                Arguments.of("impossible If-Modified-Since",
                        new String[] {"If-Modified-Since", "Tue, 99 Nov 2026 99:99:99 GMT"}, 200),
                Arguments.of("If-Modified-Since with a five-digit year",
                        new String[] {"If-Modified-Since", "Fri, 31 Dec 99999 23:59:59 GMT"}, 200),
                Arguments.of("numeric If-Modified-Since", new String[] {"If-Modified-Since", "-1"}, 200),
                Arguments.of("long If-Modified-Since", new String[] {"If-Modified-Since", "9".repeat(4000)}, 200),
                Arguments.of("malformed If-Unmodified-Since", new String[] {"If-Unmodified-Since", "yesterday"},
                        200),
                Arguments.of("huge If-None-Match naming the tag last", new String[] {"If-None-Match", bigList}, 304),
                Arguments.of("huge If-None-Match of weak tags",
                        new String[] {"If-None-Match", "W/".repeat(3000)}, 200),
                Arguments.of("unterminated If-None-Match",
                        new String[] {"If-None-Match", "\"" + "a".repeat(6000)}, 200),
                Arguments.of("huge If-Match", new String[] {"If-Match", "\"x\", ".repeat(1200)}, 412),
                Arguments.of("header larger than the container allows",
                        new String[] {"If-None-Match", "\"x\", ".repeat(6000)}, 431),
                Arguments.of("huge Accept-Encoding", new String[] {"Accept-Encoding", "gzip;q=0.5, ".repeat(300)},
                        200),
                Arguments.of("Accept-Encoding with bad weights",
                        new String[] {"Accept-Encoding", "gzip;q=2, br;q=-1, *;q=0.0001"}, 200),
                Arguments.of("Host of another site", new String[] {"Host", "evil.example"}, 200),
                Arguments.of("forwarded host", new String[] {"X-Forwarded-Host", "evil.example",
                    "X-Forwarded-Proto", "https", "Forwarded", "host=evil.example"}, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerAttacks")
    void headerAbuseIsBoundedAndAnswersSafely(String label, String[] headers, int expected) throws Exception {
        RawResponse response = raw("GET", BASE + "big.bin", headers);
        assertSafe(label, response, false);
        assertEquals(expectedFor(label, expected), response.status(), label + ": " + response.head());
        if (expected == 200) {
            assertArrayEquals(site.bytes("big.bin"), response.body(), label);
        }
    }

    /**
     * Label, target, the status without a bounce, and with one. A raw CR or LF breaks the request line, so no
     * servlet sees it (400 stands for "refused"; each container refuses its own way).
     */
    static Stream<Arguments> redirectInjections() {
        String older = "/ctx/static/" + OLDER + "/css/app.css";
        return Stream.of(
                Arguments.of("encoded CR/LF in the path", "/ctx/static/" + OLDER
                        + "/css/app.css%0d%0aSet-Cookie:%20evil=1", 400, 400),
                Arguments.of("encoded LF in the path", "/ctx/static/" + OLDER + "/css%0aX-Injected:%201/app.css",
                        400, 400),
                Arguments.of("encoded CR/LF in the token", "/ctx/static/v0%0d%0aSet-Cookie:evil=1/css/app.css",
                        400, 400),
                Arguments.of("encoded CR/LF in the query", older + "?a=%0d%0aSet-Cookie:%20evil=1", 301, 307),
                Arguments.of("UTF-8 that truncates to CR/LF in the path", "/ctx/static/" + OLDER
                        + "/css/%E5%98%8A%E5%98%8DSet-Cookie:evil=1", 404, 307),
                Arguments.of("UTF-8 that truncates to CR/LF in the query", older + "?"
                        + utf8OnTheWire("\u560a\u560dSet-Cookie:evil=1"), 301, 307),
                Arguments.of("raw CR/LF in the query", older + "?a\r\nSet-Cookie: evil=1", 400, 400),
                Arguments.of("raw LF in the path", older + "\nSet-Cookie: evil=1", 400, 400),
                Arguments.of("markup in the query", older + "?x=\"><script>alert(1)</script>", 301, 307),
                Arguments.of("absolute URL in the query", older + "?next=http://evil.example/", 301, 307));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redirectInjections")
    void crOrLfInARedirectedPathInjectsNothing(String label, String target, int status, int bounced)
            throws Exception {
        RawResponse response = raw("GET", target);
        boolean brokenLine = target.indexOf('\r') >= 0 || target.indexOf('\n') >= 0;
        assertSafe(label, response, false, brokenLine);
        assertEquals(expectedFor(label, status), response.status(), label + ": " + response.head());
        if (response.status() == 301) {
            assertTrue(response.header("Location").startsWith(BASE + "css/app.css"), label + ": " + response.head());
        } else {
            assertNull(response.header("Location"), label);
        }
    }

    static Stream<Arguments> bounceAbuse() {
        String older = "/ctx/static/" + OLDER + "/css/app.css";
        Stream<Arguments> injections = redirectInjections().map(arguments -> Arguments.of(
                "bounced " + arguments.get()[0], arguments.get()[1], arguments.get()[3]));
        // A hop counter that is not exactly the one the servlet writes counts as none, and the request is
        // redirected as any older token is; the servlet bounces only requests without a counter.
        return Stream.concat(injections, Stream.of(
                Arguments.of("hop counter percent-encoded", older + "?cb-hop=%31", 301),
                Arguments.of("hop counter with a NUL", older + "?cb-hop=1%00", 301),
                Arguments.of("hop counter with CR/LF", older + "?cb-hop=1%0d%0aSet-Cookie:evil=1", 301),
                Arguments.of("hop counter in another case", older + "?CB-HOP=18", 307),
                Arguments.of("hop counter huge", older + "?cb-hop=" + "9".repeat(400), 301),
                Arguments.of("hop counter repeated", older + "?cb-hop=1&cb-hop=1", 301),
                Arguments.of("hop counter with markup", older + "?cb-hop=<script>alert(1)</script>", 301),
                Arguments.of("hop counter pointing off-host", older + "?cb-hop=1&next=//evil.example/", 307),
                Arguments.of("newer token, path injection", "/ctx/static/v2/css/app.css%0d%0aSet-Cookie:%20evil=1",
                        400),
                Arguments.of("newer token, traversal", "/ctx/static/v2/%2e%2e/%2e%2e/META-INF/secret.txt", 404),
                Arguments.of("newer token, double slash", "/ctx/static/v2//evil.example/x.css", 404)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounceAbuse")
    void aBrowsersBounceInjectsNothingAndStaysOnTheAssetsPath(String label, String target, int status)
            throws Exception {
        for (String[] headers : List.of(new String[] {"Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "style"},
                new String[] {"Sec-Fetch-Mode", "no-cors", "Host", "evil.example", "X-Forwarded-Host",
                    "evil.example"})) {
            RawResponse response = raw("GET", target, headers);
            boolean brokenLine = target.indexOf('\r') >= 0 || target.indexOf('\n') >= 0;
            assertSafe(label, response, false, brokenLine);
            assertEquals(expectedFor(label, status), response.status(), label + ": " + response.head());
            if (response.status() == 307) {
                assertEquals("no-store", response.header("Cache-Control"), label);
                String location = response.header("Location");
                assertTrue(location.startsWith("/ctx/static/" + OLDER + "/css/")
                        || location.startsWith("/ctx/static/v2/css/"), label + ": " + location);
                assertTrue(location.matches("[^?]*\\?(.*&)?cb-hop=[1-9][0-9]?"), label + ": " + location);
            }
        }
    }

    @Test
    void redirectsIgnoreTheHostHeader() throws Exception {
        for (String[] headers : List.of(new String[] {"Host", "evil.example"},
                new String[] {"Host", "evil.example:443", "X-Forwarded-Host", "evil.example"})) {
            RawResponse response = raw("GET", "/ctx/static/" + OLDER + "/css/app.css", headers);
            assertSafe(String.join(" ", headers), response, false);
            assertEquals(301, response.status(), response.head());
            assertEquals(BASE + "css/app.css", response.header("Location"));
        }
    }

    // -------------------------------------------------------------------------------------------- methods

    static Stream<String> otherMethods() {
        return Stream.of("POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "PROPFIND", "PROPPATCH",
                "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "QUERY", "REPORT", "PURGE", "LINK", "BREW",
                "get", "Head");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherMethods")
    void everyOtherMethodIsRefusedWithoutReflectingTheRequest(String method) throws Exception {
        for (String target : List.of(BASE + "css/app.css", "/ctx/static/" + OLDER + "/css/app.css",
                "/ctx/static/v2/css/app.css", BASE + "%2e%2e/secret.txt")) {
            RawResponse response = raw(method, target, "Cookie", "session=CANARY-COOKIE",
                    "X-Echo", "CANARY-ECHO", "Content-Length", "0");
            String label = method + " " + target;
            boolean connect = method.equals("CONNECT");
            assertSafe(label, response, false, connect);
            assertEquals(expectedFor(label, 405), response.status(), label + ": " + response.head());
            assertFalse(response.bodyText().contains("CANARY-"), "TRACE-style reflection: " + label);
            if (response.status() == 405) {
                assertEquals(expectedAllow(label), response.header("Allow"), label);
            }
        }
    }

    /**
     * An authority-form CONNECT. A container may keep the connection open after refusing, so the answer is read as
     * HTTP frames it: the head, then exactly the body its Content-Length (or chunked coding) announces. Nothing
     * waits for the connection to go idle; a container that sends less than it announced fails on the read timeout.
     */
    @Test
    void connectToAnotherHostIsRefused() throws Exception {
        byte[] request = ("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String text;
        try (Socket socket = new Socket("127.0.0.1", container.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            text = readOneResponse(socket.getInputStream());
        }
        assertFalse(text.contains("evil.example"), text);
        for (String marker : CANARIES.values()) {
            assertFalse(text.contains(marker), text);
        }
        int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
        assertEquals(expectedFor("CONNECT evil.example:443", 400), status, "no tunnel: " + text);
    }

    /** Reads one HTTP/1.1 response as its framing says; what arrived before the connection closed otherwise. */
    private static String readOneResponse(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int b;
        while (!received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            received.write(b);
        }
        String head = received.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = head.indexOf("\r\ncontent-length:");
        if (at >= 0) {
            int end = head.indexOf("\r\n", at + 2);
            received.write(in.readNBytes(Integer.parseInt(head.substring(at + 17, end).strip())));
        } else if (head.contains("\r\ntransfer-encoding: chunked")) {
            while (!received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")
                    && (b = in.read()) >= 0) {
                received.write(b);
            }
        } else if (head.endsWith("\r\n\r\n") && head.contains("\r\nconnection: close")) {
            in.transferTo(received);
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------------------------------- concurrency

    /**
     * Eight threads send a mix of current, older and newer tokens, ranges, codings and conditionals; every body is
     * checked against the bytes it must be. {@code -Dcachebreaker.load.requests=N} changes the count per thread.
     */
    @Test
    @Order(1)
    void concurrentMixedLoadHasNoErrors() throws Exception {
        int threads = 8;
        int perThread = Integer.getInteger("cachebreaker.load.requests", 500);
        long seed = Long.getLong("cachebreaker.load.seed", 20261125L);
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed + t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String error = oneLoadRequest(random);
                        if (error != null) {
                            errors.add(error);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(errors), "of " + threads * perThread + " requests");
    }

    /** @return null when the response is exactly what the request must get, otherwise what went wrong */
    private String oneLoadRequest(Random random) {
        int kind = random.nextInt(12);
        try {
            byte[] css = site.bytes("css/app.css");
            byte[] big = site.bytes("big.bin");
            switch (kind) {
                case 0:
                    return expect(get(BASE + "css/app.css"), 200, css);
                case 1: {
                    HttpResponse<byte[]> gzip = get(BASE + "css/app.css", "Accept-Encoding", "gzip");
                    String error = expect(gzip, 200, site.bytes("css/app.css", Encoding.GZIP));
                    return error != null ? error
                            : Arrays.equals(gunzip(gzip.body()), css) ? null : "gzip body does not inflate to css";
                }
                case 2:
                    return expect(get(BASE + "css/app.css", "Accept-Encoding", "br, gzip"), 200,
                            site.bytes("css/app.css", Encoding.BROTLI));
                case 3: {
                    int first = random.nextInt(big.length);
                    int last = Math.min(big.length - 1, first + random.nextInt(5000));
                    return expect(get(BASE + "big.bin", "Range", "bytes=" + first + "-" + last), 206,
                            Arrays.copyOfRange(big, first, last + 1));
                }
                case 4:
                    return expect(get(BASE + "big.bin"), 200, big);
                case 5: {
                    HttpResponse<byte[]> moved = get("/ctx/static/" + OLDER + "/big.bin?v=" + random.nextInt(9));
                    return moved.statusCode() == 301
                            && moved.headers().firstValue("Location").orElse("").startsWith(BASE + "big.bin?v=")
                            ? null : "older token: " + moved.statusCode() + " " + moved.headers().map();
                }
                case 6: {
                    HttpResponse<byte[]> wait = get("/ctx/static/v" + (2 + random.nextInt(3)) + "/css/app.css");
                    return wait.statusCode() == 503 && "3".equals(wait.headers().firstValue("Retry-After")
                            .orElse(null)) ? null : "newer token: " + wait.statusCode();
                }
                case 7: {
                    HttpResponse<byte[]> head = send("HEAD", BASE + "big.bin");
                    return head.statusCode() == 200 && head.body().length == 0
                            && "200000".equals(head.headers().firstValue("Content-Length").orElse(null))
                            ? null : "HEAD: " + head.statusCode() + " " + head.body().length;
                }
                case 8: {
                    HttpResponse<byte[]> same = get(BASE + "big.bin", "If-None-Match",
                            '"' + SiteFixture.sha256(big) + '"');
                    return same.statusCode() == 304 && same.body().length == 0 ? null : "304: " + same.statusCode();
                }
                case 9:
                    return expect(get(BASE + "css/missing-" + random.nextInt(100) + ".css"), 404, null);
                case 10:
                    return expect(get(BASE + "img/caf%C3%A9%20menu.png"), 200, site.bytes("img/caf\u00e9 menu.png"));
                default: {
                    RawResponse hostile = raw("GET", BASE + "%2e%2e/%2e%2e/META-INF/secret.txt");
                    assertSafe("hostile under load", hostile, false);
                    int expected = expectedFor("hostile under load", 404);
                    return hostile.status() == expected ? null : "hostile: " + hostile.status() + ", not " + expected;
                }
            }
        } catch (Exception | AssertionError e) {
            return "request kind " + kind + ": " + e;
        }
    }

    private static String expect(HttpResponse<byte[]> response, int status, byte[] body) {
        if (response.statusCode() != status) {
            return response.uri() + ": status " + response.statusCode() + ", expected " + status;
        }
        if (body != null && !SiteFixture.sha256(body).equals(SiteFixture.sha256(response.body()))) {
            return response.uri() + ": body checksum differs (" + response.body().length + " bytes)";
        }
        return null;
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", path, headers);
    }

    HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        return Http.send(method, container, path, headers);
    }

    // ------------------------------------------------------------------------------- newer-token flood

    /**
     * Thousands of made-up newer tokens over the socket: once the tracker is full, each gets the redirect at once
     * instead of a slot, while a token tracked before the flood keeps its 503. Runs last: it fills the tracker.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aFloodOfMadeUpNewerTokensDoesNotGrowTheTracker() throws Exception {
        assertEquals(503, get("/ctx/static/v2/css/app.css").statusCode(), "tracked before the flood");
        int flood = Integer.getInteger("cachebreaker.flood.requests", 3000);
        int redirected = 0;
        for (int i = 0; i < flood; i++) {
            HttpResponse<byte[]> response = get("/ctx/static/v2-flood-" + i + "/css/app.css");
            assertTrue(response.statusCode() == 503 || response.statusCode() == 302, "flood " + i);
            if (response.statusCode() == 302) {
                redirected++;
                assertEquals(BASE + "css/app.css", response.headers().firstValue("Location").orElse(null));
                assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
            }
        }
        assertTrue(redirected >= flood - NEWER_TOKEN_LIMIT, redirected + " of " + flood + " were not tracked");
        assertEquals(503, get("/ctx/static/v2/css/app.css").statusCode(), "a token tracked before the flood");
        assertEquals(302, get("/ctx/static/v9-after-the-flood/css/app.css").statusCode(), "no room for more");
    }
}
