package io.cachebreaker.runtime.tokenfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The token file {@value #RESOURCE}: the one owner of its format, used by the plugin to write it and by the runtime
 * to read it.
 *
 * <p>It is a Java properties file in US-ASCII (so also valid UTF-8; other characters are {@code \}{@code uXXXX}
 * escapes), with sorted keys and no date comment, so the same build writes the same bytes:
 *
 * <pre>
 * asset.css/app.css=identity:5120:&lt;sha256 hex&gt; gzip:1234:&lt;sha256 hex&gt; br:1100:&lt;sha256 hex&gt;
 * format=1
 * lastModified=2026-11-24T21:32:06Z
 * prefix=static/{token}
 * strategy=git
 * token=20261124213206-a1b2c3d
 * </pre>
 *
 * <p>Readers ignore keys they do not know, so later plugins may add keys within format 1; a change that old readers
 * would misread raises {@link #FORMAT}.
 */
public final class TokenFile {
    /** Where the file lives, relative to the class path root or the plugin's output directory. */
    public static final String RESOURCE = "META-INF/cachebreaker.properties";

    /** The format this class writes and the newest it reads. */
    public static final int FORMAT = 1;

    static final String KEY_FORMAT = "format";
    static final String KEY_TOKEN = "token";
    static final String KEY_STRATEGY = "strategy";
    static final String KEY_PREFIX = "prefix";
    static final String KEY_LAST_MODIFIED = "lastModified";
    static final String ASSET_KEY_PREFIX = "asset.";
    private static final String IDENTITY = "identity";

    private static final String HOW_TO_FIX = " Produce it with the cachebreaker-maven-plugin goal 'assets', bound to a"
            + " phase before packaging (its default, process-resources), and rebuild.";

    private final String token;
    private final TokenStrategy strategy;
    private final AssetPrefix prefix;
    private final Instant lastModified;
    private final AssetManifest manifest;

    /**
     * A token file's content.
     *
     * @param token        the deploy's token; must be orderable by {@code strategy}
     * @param strategy     where the token came from
     * @param prefix       where the assets live
     * @param lastModified the instant sent as {@code Last-Modified} for every asset; whole seconds are kept
     * @param manifest     the assets
     * @throws InvalidTokenException when the token is illegal or its strategy cannot order it
     */
    public TokenFile(String token, TokenStrategy strategy, AssetPrefix prefix, Instant lastModified,
            AssetManifest manifest) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.token = strategy.requireOrderable(token);
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.lastModified = Objects.requireNonNull(lastModified, "lastModified").with(
                java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
        this.manifest = Objects.requireNonNull(manifest, "manifest");
    }

    /** @return the deploy's token */
    public String token() {
        return token;
    }

    /** @return where the token came from, which also fixes the order of tokens */
    public TokenStrategy strategy() {
        return strategy;
    }

    /** @return where the assets live */
    public AssetPrefix prefix() {
        return prefix;
    }

    /** @return the build instant, to whole seconds */
    public Instant lastModified() {
        return lastModified;
    }

    /** @return the assets */
    public AssetManifest manifest() {
        return manifest;
    }

    /** @return the directory of this token's assets, such as {@code static/20261124213206-a1b2c3d} */
    public String assetDirectory() {
        return prefix.directory(token);
    }

    // ---------------------------------------------------------------------------------------------- reading

    /**
     * Reads the token file from a class loader.
     *
     * @param loader where to look for {@value #RESOURCE}
     * @return the token file
     * @throws TokenFileException when it is missing or malformed, saying how to produce it
     */
    public static TokenFile load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new TokenFileException("No " + RESOURCE + " on the class path, so cachebreaker has no token"
                        + " and no asset manifest." + HOW_TO_FIX);
            }
            return read(in, "class path resource " + RESOURCE);
        } catch (IOException e) {
            throw new TokenFileException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a token file.
     *
     * @param in     the file's bytes; not closed
     * @param source what to call it in error messages
     * @return the token file
     * @throws TokenFileException when it is malformed, naming the key and the fix
     */
    public static TokenFile read(InputStream in, String source) {
        Properties properties = new Properties();
        try {
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(source, "it is not a readable properties file (" + e.getMessage() + ")");
        }
        return fromProperties(properties, source);
    }

    private static TokenFile fromProperties(Properties properties, String source) {
        String format = properties.getProperty(KEY_FORMAT);
        if (format == null) {
            throw malformed(source, "the key '" + KEY_FORMAT + "' is missing");
        }
        int version;
        try {
            version = Integer.parseInt(format.strip());
        } catch (NumberFormatException e) {
            throw malformed(source, "'" + KEY_FORMAT + "' is '" + format + "', not a number");
        }
        if (version > FORMAT) {
            throw new TokenFileException(source + " has format " + version + ", but this cachebreaker-runtime reads"
                    + " format " + FORMAT + " and older. Use a cachebreaker-runtime at least as new as the"
                    + " cachebreaker-maven-plugin that wrote it.");
        }
        if (version < 1) {
            throw malformed(source, "'" + KEY_FORMAT + "' is " + version + "; the first format is 1");
        }
        TokenStrategy strategy;
        try {
            strategy = TokenStrategy.fromId(require(properties, KEY_STRATEGY, source));
        } catch (IllegalArgumentException e) {
            throw malformed(source, e.getMessage());
        }
        String token = require(properties, KEY_TOKEN, source);
        // Read outside the try: require() already says "malformed", and the catch would say it twice.
        String prefixText = require(properties, KEY_PREFIX, source);
        String lastModifiedText = require(properties, KEY_LAST_MODIFIED, source);
        AssetPrefix prefix;
        Instant lastModified;
        try {
            prefix = AssetPrefix.parse(prefixText);
            lastModified = Instant.parse(lastModifiedText);
        } catch (TokenFileException | DateTimeParseException e) {
            throw malformed(source, e.getMessage());
        }
        List<Asset> assets = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(ASSET_KEY_PREFIX)) {
                String path = key.substring(ASSET_KEY_PREFIX.length());
                try {
                    assets.add(parseAsset(path, properties.getProperty(key)));
                } catch (TokenFileException e) {
                    throw malformed(source, "asset '" + path + "': " + e.getMessage());
                }
            }
        }
        try {
            return new TokenFile(token, strategy, prefix, lastModified, AssetManifest.of(assets));
        } catch (TokenFileException e) {
            throw malformed(source, e.getMessage());
        }
    }

    private static Asset parseAsset(String path, String value) {
        Variant identity = null;
        Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
        for (String field : value.strip().split(" +")) {
            String[] parts = field.split(":", -1);
            if (parts.length != 3) {
                throw new TokenFileException("'" + field + "' is not <coding>:<size>:<sha256>");
            }
            long size;
            try {
                size = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                throw new TokenFileException("size '" + parts[1] + "' is not a number");
            }
            Variant variant = new Variant(size, parts[2]);
            if (parts[0].equals(IDENTITY)) {
                identity = variant;
            } else {
                Encoding encoding = Encoding.forToken(parts[0]);
                // An unknown coding from a newer plugin is skipped: the runtime cannot serve it, but the rest stands.
                if (encoding != null) {
                    encoded.put(encoding, variant);
                }
            }
        }
        if (identity == null) {
            throw new TokenFileException("no 'identity:<size>:<sha256>' field");
        }
        return new Asset(path, identity, encoded);
    }

    private static String require(Properties properties, String key, String source) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw malformed(source, "the key '" + key + "' is missing");
        }
        return value.strip();
    }

    private static TokenFileException malformed(String source, String why) {
        return new TokenFileException(source + " is malformed: " + why + "." + HOW_TO_FIX);
    }

    // ---------------------------------------------------------------------------------------------- writing

    /**
     * The file's exact bytes: sorted keys, US-ASCII, no date.
     *
     * @return the bytes to store
     */
    public byte[] toBytes() {
        TreeMap<String, String> entries = new TreeMap<>();
        entries.put(KEY_FORMAT, String.valueOf(FORMAT));
        entries.put(KEY_TOKEN, token);
        entries.put(KEY_STRATEGY, strategy.id());
        entries.put(KEY_PREFIX, prefix.pattern());
        entries.put(KEY_LAST_MODIFIED, lastModified.toString());
        for (Asset asset : manifest.assets()) {
            entries.put(ASSET_KEY_PREFIX + asset.path(), assetValue(asset));
        }
        StringBuilder out = new StringBuilder(128 + manifest.size() * 200);
        out.append("# cachebreaker token file, format ").append(FORMAT)
                .append(". Written by cachebreaker-maven-plugin; read by cachebreaker-runtime.\n");
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            escape(entry.getKey(), true, out);
            out.append('=');
            escape(entry.getValue(), false, out);
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String assetValue(Asset asset) {
        StringBuilder value = new StringBuilder();
        appendVariant(value, IDENTITY, asset.identity());
        for (Map.Entry<Encoding, Variant> entry : asset.encoded().entrySet()) {
            value.append(' ');
            appendVariant(value, entry.getKey().token(), entry.getValue());
        }
        return value.toString();
    }

    private static void appendVariant(StringBuilder out, String coding, Variant variant) {
        out.append(coding).append(':').append(variant.size()).append(':').append(variant.sha256());
    }

    /** Escapes as {@link Properties#load(Reader)} expects, leaving the output pure ASCII. */
    private static void escape(String text, boolean key, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> out.append(key || i == 0 ? "\\" + c : String.valueOf(c));
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /**
     * Writes the file so that it is either wholly there or not changed: to a temporary sibling first, then moved
     * into place. An unchanged file is not rewritten, so its time stamp stays and incremental builds stay quiet.
     *
     * @param file the destination, usually {@code <outputDirectory>/META-INF/cachebreaker.properties}
     * @return true when the file was written, false when it already held these bytes
     * @throws UncheckedIOException when it cannot be written
     */
    public boolean writeTo(Path file) {
        byte[] bytes = toBytes();
        try {
            if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".cachebreaker-", ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the cachebreaker token file " + file + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenFile other && token.equals(other.token) && strategy == other.strategy
                && prefix.equals(other.prefix) && lastModified.equals(other.lastModified)
                && manifest.equals(other.manifest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, strategy, prefix, lastModified, manifest);
    }

    @Override
    public String toString() {
        return "TokenFile[token=" + token + ", strategy=" + strategy.id() + ", prefix=" + prefix + ", assets="
                + manifest.size() + "]";
    }
}
