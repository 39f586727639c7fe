package io.cachebreaker.runtime.testing;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes what the plugin would: asset files (and their .gz/.br siblings) under the prefix directory of a token, and
 * the token file made with {@link TokenFile} itself, into a temporary class path root.
 */
public final class SiteFixture {
    public static final Instant BUILT = Instant.parse("2026-11-24T21:32:06Z");

    private final Path root;
    private final String token;
    private final TokenStrategy strategy;
    private final AssetPrefix prefix;
    private final Map<String, Map<Encoding, byte[]>> encoded = new LinkedHashMap<>();
    private final Map<String, byte[]> originals = new LinkedHashMap<>();
    private final Map<String, byte[]> unlisted = new LinkedHashMap<>();
    private final List<SiteFixture> retained = new ArrayList<>();

    public SiteFixture(Path root, String token, TokenStrategy strategy) {
        this(root, token, strategy, AssetPrefix.DEFAULT);
    }

    public SiteFixture(Path root, String token, TokenStrategy strategy, String prefix) {
        this.root = root;
        this.token = token;
        this.strategy = strategy;
        this.prefix = AssetPrefix.parse(prefix);
    }

    /** The assets most tests use. */
    public static SiteFixture standard(Path root, String token, TokenStrategy strategy) {
        SiteFixture site = new SiteFixture(root, token, strategy);
        byte[] css = ("body { color: #333; }\n".repeat(100)).getBytes(StandardCharsets.UTF_8);
        site.asset("css/app.css", css).gzip("css/app.css").brotli("css/app.css", "fake-brotli".getBytes());
        site.asset("js/app.mjs", "export const x = 1;\n".getBytes(StandardCharsets.UTF_8));
        site.asset("big.bin", pattern(200_000));
        site.asset("img/caf\u00e9 menu.png", pattern(300));
        site.asset("empty.txt", new byte[0]);
        for (String name : List.of("x.wasm", "site.webmanifest", "f.woff2", "i.avif", "i.webp", "i.svg")) {
            site.asset("types/" + name, pattern(10));
        }
        site.unlisted(site.prefix.directory(token) + "/secret.txt", "TOP-SECRET-NOT-LISTED".getBytes());
        site.unlisted("WEB-INF/web.xml", "TOP-SECRET-WEB-XML".getBytes());
        return site;
    }

    public static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }
        return bytes;
    }

    public SiteFixture asset(String path, byte[] bytes) {
        originals.put(path, bytes);
        encoded.put(path, new EnumMap<>(Encoding.class));
        return this;
    }

    public SiteFixture gzip(String path) {
        encoded.get(path).put(Encoding.GZIP, gzipped(originals.get(path)));
        return this;
    }

    public SiteFixture brotli(String path, byte[] bytes) {
        encoded.get(path).put(Encoding.BROTLI, bytes);
        return this;
    }

    /**
     * Makes the site carry a previous release's assets, as the plugin's retention would: its files under its own
     * token directory, and its manifest in this token file.
     *
     * @param previous a fixture of the same prefix, which this one writes
     * @return this fixture
     */
    public SiteFixture retain(SiteFixture previous) {
        retained.add(previous);
        return this;
    }

    /** A class path file that the manifest does not list. */
    public SiteFixture unlisted(String resource, byte[] bytes) {
        unlisted.put(resource, bytes);
        return this;
    }

    public byte[] bytes(String path) {
        return originals.get(path);
    }

    public byte[] bytes(String path, Encoding encoding) {
        return encoded.get(path).get(encoding);
    }

    public String token() {
        return token;
    }

    public TokenFile tokenFile() {
        List<RetainedRelease> releases = new ArrayList<>();
        for (SiteFixture previous : retained) {
            releases.add(new RetainedRelease(previous.token, BUILT.minusSeconds(86_400), previous.manifest()));
        }
        return new TokenFile(token, strategy, prefix, BUILT, manifest(), releases);
    }

    private AssetManifest manifest() {
        List<Asset> assets = new ArrayList<>();
        originals.forEach((path, bytes) -> {
            Map<Encoding, Variant> variants = new EnumMap<>(Encoding.class);
            encoded.get(path).forEach((encoding, data) -> variants.put(encoding, variant(data)));
            assets.add(new Asset(path, variant(bytes), variants));
        });
        return AssetManifest.of(assets);
    }

    /** Writes everything and returns a class loader over it. */
    public URLClassLoader write() {
        try {
            writeAssets();
            for (SiteFixture previous : retained) {
                previous.writeAssets();
            }
            for (Map.Entry<String, byte[]> e : unlisted.entrySet()) {
                put(e.getKey(), e.getValue());
            }
            put(TokenFile.RESOURCE, tokenFile().toBytes());
            return loader(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeAssets() throws IOException {
        String dir = prefix.directory(token) + "/";
        for (Map.Entry<String, byte[]> e : originals.entrySet()) {
            put(dir + e.getKey(), e.getValue());
            for (Map.Entry<Encoding, byte[]> v : encoded.get(e.getKey()).entrySet()) {
                put(dir + e.getKey() + v.getKey().suffix(), v.getValue());
            }
        }
    }

    public static URLClassLoader loader(Path root) {
        try {
            // The test class path is the parent so that Tomcat's web application loader finds the servlet class; it
            // holds no token file of its own.
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, SiteFixture.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(String resource, byte[] bytes) throws IOException {
        Path file = root.resolve(resource);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    public static Variant variant(byte[] bytes) {
        return new Variant(bytes.length, sha256(bytes));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] gzipped(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
