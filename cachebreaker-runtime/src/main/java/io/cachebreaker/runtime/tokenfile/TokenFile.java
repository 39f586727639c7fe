package io.cachebreaker.runtime.tokenfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
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
 * fingerprint=9f3e1b2a
 * format=2
 * lastModified=2026-11-24T21:32:06Z
 * prefix=static/{token}
 * retained.1.asset.css/app.css=identity:4980:&lt;sha256 hex&gt;
 * retained.1.lastModified=2026-11-20T10:00:00Z
 * retained.1.token=20261120100000-0f1e2d3-1a2b3c4d
 * strategy=git
 * token=20261124213206-a1b2c3d-9f3e1b2a
 * </pre>
 *
 * <p>Format 2 added the {@code fingerprint} and the retained releases. Its tokens end with a fingerprint that older
 * runtimes cannot order, which is why the format number went up: a format 1 runtime refuses the file with a message
 * instead of misjudging tokens. Format 1 files are still read. Within a format, readers ignore keys they do not know.
 */
public final class TokenFile {
    /** Where the file lives, relative to the class path root or the plugin's output directory. */
    public static final String RESOURCE = "META-INF/cachebreaker.properties";

    /** The format this class writes and the newest it reads. */
    public static final int FORMAT = 2;

    static final String KEY_FORMAT = "format";
    static final String KEY_TOKEN = "token";
    static final String KEY_STRATEGY = "strategy";
    static final String KEY_PREFIX = "prefix";
    static final String KEY_LAST_MODIFIED = "lastModified";
    static final String KEY_FINGERPRINT = "fingerprint";
    static final String ASSET_KEY_PREFIX = "asset.";
    static final String RETAINED_KEY_PREFIX = "retained.";
    static final String KEY_RETAINED_TOKEN = "token";
    private static final String IDENTITY = "identity";
    private static final String HEX_DIGITS = "0123456789ABCDEF";
    /** About the shortest line with a SHA-256, to size the table for a file before reading it. */
    private static final int BYTES_PER_LINE = 96;
    private static final int MAX_SIZE_HINT = 1 << 24;

    private static final String HOW_TO_FIX = " Produce it with the cachebreaker-maven-plugin goal 'assets', bound to a"
            + " phase before packaging (its default, process-resources), and rebuild.";

    private final String token;
    private final TokenStrategy strategy;
    private final AssetPrefix prefix;
    private final Instant lastModified;
    private final AssetManifest manifest;
    private final List<RetainedRelease> retained;
    /** The manifest's fingerprint when the token ends with it, else {@code null}; a digest of every asset line. */
    private final String fingerprint;

    /**
     * A token file with no retained releases.
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
        this(token, strategy, prefix, lastModified, manifest, List.of());
    }

    /**
     * A token file's content.
     *
     * @param token        the deploy's token; must be orderable by {@code strategy}
     * @param strategy     where the token came from
     * @param prefix       where the assets live, of this release and of the retained ones
     * @param lastModified the instant sent as {@code Last-Modified} for every asset; whole seconds are kept
     * @param manifest     the assets
     * @param retained     previous releases whose assets the artifact also carries, newest first
     * @throws InvalidTokenException when the token is illegal or its strategy cannot order it
     * @throws TokenFileException    when a retained release has the current token or two share one
     */
    public TokenFile(String token, TokenStrategy strategy, AssetPrefix prefix, Instant lastModified,
            AssetManifest manifest, List<RetainedRelease> retained) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.token = strategy.requireOrderable(token);
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.lastModified = Objects.requireNonNull(lastModified, "lastModified").with(
                java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.retained = List.copyOf(retained);
        String ofManifest = Fingerprint.of(this.manifest);
        this.fingerprint = this.token.endsWith(Fingerprint.SEPARATOR + ofManifest) ? ofManifest : null;
        Set<String> tokens = new HashSet<>();
        tokens.add(token);
        for (RetainedRelease release : this.retained) {
            if (!tokens.add(release.token())) {
                throw new TokenFileException("The retained token '" + release.token() + "' is listed twice, or is"
                        + " the current token.");
            }
        }
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

    /** @return previous releases whose assets are served too, newest first; often none */
    public List<RetainedRelease> retained() {
        return retained;
    }

    /** @return the directory of this token's assets, such as {@code static/20261124213206-a1b2c3d-9f3e1b2a} */
    public String assetDirectory() {
        return prefix.directory(token);
    }

    /**
     * Whether the token ends with the fingerprint of the manifest, so that it changes whenever the bytes do. Only a
     * build that opted out of fingerprints (or one made before them) has a token without it.
     *
     * @return true when the token carries the fingerprint of its own assets
     */
    public boolean fingerprinted() {
        return fingerprint != null;
    }

    // ---------------------------------------------------------------------------------------------- reading

    /**
     * Reads the token file from a class loader.
     *
     * <p>One application serves one asset tree. Two token files on the class path (a war's own and a library jar's,
     * both built with the plugin) would leave one of them silently unserved, so that fails instead, naming both.
     *
     * @param loader where to look for {@value #RESOURCE}
     * @return the token file
     * @throws TokenFileException when it is missing, malformed or not the only one, saying how to fix it
     */
    public static TokenFile load(ClassLoader loader) {
        List<URL> found = new ArrayList<>();
        try {
            Set<String> seen = new HashSet<>();
            for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                if (seen.add(url.toExternalForm())) {
                    found.add(url);
                }
            }
        } catch (IOException e) {
            throw new TokenFileException("Cannot look up " + RESOURCE + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new TokenFileException("No " + RESOURCE + " on the class path, so cachebreaker has no token"
                    + " and no asset manifest." + HOW_TO_FIX);
        }
        if (found.size() > 1) {
            throw new TokenFileException("The class path holds " + found.size() + " cachebreaker token files, "
                    + found + ", but an application serves one asset tree, so the assets of all but one would"
                    + " answer 404. Run the cachebreaker-maven-plugin goal 'assets' only in the module that is"
                    + " packaged as the application (the war or the Spring Boot jar), and bring the other modules'"
                    + " assets into its sourceDirectory (for example by unpacking them there in generate-resources);"
                    + " remove the goal from the library modules.");
        }
        try (InputStream in = found.get(0).openStream()) {
            return read(in, "class path resource " + found.get(0));
        } catch (IOException e) {
            throw new TokenFileException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a token file from disk, such as the one a previous build left in the output directory.
     *
     * @param file the file
     * @return the token file
     * @throws TokenFileException when it is missing, unreadable or malformed
     */
    public static TokenFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new TokenFileException("Cannot read the token file " + file + ": " + e.getMessage(), e);
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
        InLoadOrder properties;
        try {
            // Sized for the lines the bytes hold, which spares growing the table a dozen times for a large file.
            int sizeHint = Math.max(0, Math.min(in.available(), MAX_SIZE_HINT));
            properties = new InLoadOrder(sizeHint / BYTES_PER_LINE);
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(source, "it is not a readable properties file (" + e.getMessage() + ")");
        }
        return fromProperties(properties, source);
    }

    private static TokenFile fromProperties(InLoadOrder properties, String source) {
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
        Map<String, List<Map.Entry<String, String>>> assetLines = assetLines(properties);
        AssetManifest manifest = manifest(assetLines, "", source);
        List<RetainedRelease> retained = retained(properties, assetLines, source);
        TokenFile file;
        try {
            file = new TokenFile(token, strategy, prefix, lastModified, manifest, retained);
        } catch (TokenFileException e) {
            throw malformed(source, e.getMessage());
        }
        String fingerprint = properties.getProperty(KEY_FINGERPRINT);
        if (fingerprint != null && !file.token.endsWith(Fingerprint.SEPARATOR + fingerprint.strip())) {
            throw malformed(source, "the token '" + token + "' does not end with its fingerprint '" + fingerprint
                    + "'");
        }
        if (fingerprint != null && !file.fingerprinted()) {
            throw malformed(source, "the fingerprint '" + fingerprint + "' does not match the assets it lists, so"
                    + " the file was edited after the build");
        }
        return file;
    }

    /**
     * Properties that also know the order in which {@link #load} met the lines: a token file's is path order, which
     * {@link AssetManifest#of} takes in one pass instead of sorting.
     */
    private static final class InLoadOrder extends Properties {
        private final List<Map.Entry<String, String>> puts;

        InLoadOrder(int lines) {
            super(lines);
            puts = new ArrayList<>(lines);
        }

        @Override
        public synchronized Object put(Object key, Object value) {
            puts.add(Map.entry((String) key, (String) value));
            return super.put(key, value);
        }

        /** Every key and value, in load order when {@code load} stored each key once, through {@link #put}. */
        List<Map.Entry<String, String>> entries() {
            if (puts.size() == size()) {
                return puts;
            }
            // A key given twice, whose last value counts, or a load that bypassed put: the table's order will do.
            List<Map.Entry<String, String>> entries = new ArrayList<>(size());
            for (String key : stringPropertyNames()) {
                entries.add(Map.entry(key, getProperty(key)));
            }
            return entries;
        }
    }

    /**
     * The asset lines, {@code <keyPrefix>asset.<path>=<value>}, by key prefix: {@code ""} for this release,
     * {@code retained.<n>.} for a retained one. One pass over the lines, however many releases are retained.
     */
    private static Map<String, List<Map.Entry<String, String>>> assetLines(InLoadOrder properties) {
        Map<String, List<Map.Entry<String, String>>> byKeyPrefix = new HashMap<>();
        for (Map.Entry<String, String> line : properties.entries()) {
            String key = line.getKey();
            String keyPrefix = null;
            if (key.startsWith(ASSET_KEY_PREFIX)) {
                keyPrefix = "";
            } else if (key.startsWith(RETAINED_KEY_PREFIX)) {
                // The first dot after "retained." ends "<n>", since a number has none.
                int dot = key.indexOf('.', RETAINED_KEY_PREFIX.length());
                if (dot >= 0 && key.startsWith(ASSET_KEY_PREFIX, dot + 1)) {
                    keyPrefix = key.substring(0, dot + 1);
                }
            }
            if (keyPrefix != null) {
                byKeyPrefix.computeIfAbsent(keyPrefix, k -> new ArrayList<>()).add(line);
            }
        }
        return byKeyPrefix;
    }

    /** The assets listed under {@code <keyPrefix>asset.}. */
    private static AssetManifest manifest(Map<String, List<Map.Entry<String, String>>> assetLines, String keyPrefix,
            String source) {
        List<Map.Entry<String, String>> lines = assetLines.getOrDefault(keyPrefix, List.of());
        int pathStart = keyPrefix.length() + ASSET_KEY_PREFIX.length();
        List<Asset> assets = new ArrayList<>(lines.size());
        for (Map.Entry<String, String> line : lines) {
            String path = line.getKey().substring(pathStart);
            try {
                assets.add(parseAsset(path, line.getValue()));
            } catch (TokenFileException e) {
                throw malformed(source, "asset '" + path + "'" + (keyPrefix.isEmpty() ? "" : " of " + keyPrefix)
                        + ": " + e.getMessage());
            }
        }
        try {
            return AssetManifest.of(assets);
        } catch (TokenFileException e) {
            throw malformed(source, e.getMessage());
        }
    }

    /** The releases listed as {@code retained.<n>.token}, numbered from 1 without gaps, newest first. */
    private static List<RetainedRelease> retained(Properties properties,
            Map<String, List<Map.Entry<String, String>>> assetLines, String source) {
        List<RetainedRelease> releases = new ArrayList<>();
        for (int n = 1; properties.getProperty(retainedKey(n, KEY_RETAINED_TOKEN)) != null; n++) {
            String keyPrefix = retainedKey(n, "");
            String token = require(properties, retainedKey(n, KEY_RETAINED_TOKEN), source);
            String lastModifiedText = require(properties, retainedKey(n, KEY_LAST_MODIFIED), source);
            try {
                releases.add(new RetainedRelease(token, Instant.parse(lastModifiedText),
                        manifest(assetLines, keyPrefix, source)));
            } catch (TokenFileException | DateTimeParseException e) {
                throw malformed(source, keyPrefix + ": " + e.getMessage());
            }
        }
        return releases;
    }

    private static String retainedKey(int n, String key) {
        return RETAINED_KEY_PREFIX + n + "." + key;
    }

    /** Parses {@code <coding>:<size>:<sha256>} fields separated by runs of spaces, as {@code split(" +")} would. */
    private static Asset parseAsset(String path, String value) {
        Variant identity = null;
        // Most assets have no sibling, and then no map of their own (see Asset).
        Map<Encoding, Variant> encoded = Map.of();
        String fields = value.strip();
        int start = 0;
        do {
            int end = fields.indexOf(' ', start);
            if (end < 0) {
                end = fields.length();
            }
            // The whole value when it has one field, as most do: substring then returns it without copying.
            String field = fields.substring(start, end);
            int sizeStart = field.indexOf(':') + 1;
            int shaStart = sizeStart == 0 ? 0 : field.indexOf(':', sizeStart) + 1;
            if (shaStart == 0 || field.indexOf(':', shaStart) >= 0) {
                throw new TokenFileException("'" + field + "' is not <coding>:<size>:<sha256>");
            }
            long size;
            try {
                size = Long.parseLong(field, sizeStart, shaStart - 1, 10);
            } catch (NumberFormatException e) {
                throw new TokenFileException("size '" + field.substring(sizeStart, shaStart - 1)
                        + "' is not a number");
            }
            Variant variant = new Variant(size, field.substring(shaStart));
            if (sizeStart - 1 == IDENTITY.length() && field.startsWith(IDENTITY)) {
                identity = variant;
            } else {
                Encoding encoding = Encoding.forToken(field.substring(0, sizeStart - 1));
                // An unknown coding from a newer plugin is skipped: the runtime cannot serve it, but the rest stands.
                if (encoding != null) {
                    if (encoded.isEmpty()) {
                        encoded = new EnumMap<>(Encoding.class);
                    }
                    encoded.put(encoding, variant);
                }
            }
            // A stripped value neither starts nor ends with a space, so no field is empty unless the value is.
            start = end;
            while (start < fields.length() && fields.charAt(start) == ' ') {
                start++;
            }
        } while (start < fields.length());
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
        // Sorted as a TreeMap of every line would sort them, with each manifest standing in for its lines under the
        // key prefix they share, "asset." or "retained.<n>.asset.". That is exact: no other key starts with such a
        // prefix, so its lines sort together, right where the prefix itself sorts, and among themselves by path, the
        // manifest's own order. It spares sorting thousands of keys that are in order already.
        TreeMap<String, Object> entries = new TreeMap<>();
        entries.put(KEY_FORMAT, String.valueOf(FORMAT));
        entries.put(KEY_TOKEN, token);
        entries.put(KEY_STRATEGY, strategy.id());
        entries.put(KEY_PREFIX, prefix.pattern());
        entries.put(KEY_LAST_MODIFIED, lastModified.toString());
        if (fingerprint != null) {
            entries.put(KEY_FINGERPRINT, fingerprint);
        }
        entries.put(ASSET_KEY_PREFIX, manifest);
        int assets = manifest.size();
        for (int n = 1; n <= retained.size(); n++) {
            RetainedRelease release = retained.get(n - 1);
            entries.put(retainedKey(n, KEY_RETAINED_TOKEN), release.token());
            entries.put(retainedKey(n, KEY_LAST_MODIFIED), release.lastModified().toString());
            entries.put(retainedKey(n, ASSET_KEY_PREFIX), release.manifest());
            assets += release.manifest().size();
        }
        StringBuilder out = new StringBuilder(256 + assets * 160);
        out.append("# cachebreaker token file, format ").append(FORMAT)
                .append(". Written by cachebreaker-maven-plugin; read by cachebreaker-runtime.\n");
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            if (entry.getValue() instanceof AssetManifest lines) {
                for (Asset asset : lines.assets()) {
                    // The key prefix is letters, digits and dots, and the value never starts with a character that
                    // needs escaping nor holds one anywhere (see appendAssetValue): only the path is escaped.
                    out.append(entry.getKey());
                    escape(asset.path(), true, out);
                    appendAssetValue(out.append('='), asset).append('\n');
                }
            } else {
                escape(entry.getKey(), true, out);
                out.append('=');
                escape((String) entry.getValue(), false, out);
                out.append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Appends an asset's line in the file, after its {@code =}; also what {@link Fingerprint} digests. It is ASCII
     * letters, digits, {@code :} and spaces, and starts with a letter, so escaping would leave it as it is.
     */
    static StringBuilder appendAssetValue(StringBuilder out, Asset asset) {
        appendVariant(out, IDENTITY, asset.identity());
        for (Map.Entry<Encoding, Variant> entry : asset.encoded().entrySet()) {
            appendVariant(out.append(' '), entry.getKey().token(), entry.getValue());
        }
        return out;
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
                case '=', ':', '#', '!' -> {
                    if (key || i == 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u").append(HEX_DIGITS.charAt(c >> 12)).append(HEX_DIGITS.charAt(c >> 8 & 0xF))
                                .append(HEX_DIGITS.charAt(c >> 4 & 0xF)).append(HEX_DIGITS.charAt(c & 0xF));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenFile other && token.equals(other.token) && strategy == other.strategy
                && prefix.equals(other.prefix) && lastModified.equals(other.lastModified)
                && manifest.equals(other.manifest) && retained.equals(other.retained);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, strategy, prefix, lastModified, manifest, retained);
    }

    @Override
    public String toString() {
        return "TokenFile[token=" + token + ", strategy=" + strategy.id() + ", prefix=" + prefix + ", assets="
                + manifest.size() + ", retained=" + retained.size() + "]";
    }
}
