package io.cachebreaker.runtime.tokenfile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One asset of the manifest: its path below the token directory, its original bytes, and its precompressed
 * siblings.
 *
 * @param path     relative path with {@code /} separators, such as {@code css/app.css}; see {@link AssetPath}
 * @param identity the original bytes
 * @param encoded  precompressed siblings by coding; each is strictly smaller than the original
 */
public record Asset(String path, Variant identity, Map<Encoding, Variant> encoded) {

    public Asset {
        AssetPath.requireValid(path);
        if (identity == null) {
            throw new TokenFileException("Asset '" + path + "' has no identity variant.");
        }
        if (encoded == null || encoded.isEmpty()) {
            // Most assets have no sibling; they share one empty map instead of holding a map each. Unlike Map.of(), it
            // answers get(null) and containsKey(null) as an EnumMap does.
            encoded = Collections.emptyMap();
        } else {
            EnumMap<Encoding, Variant> copy = new EnumMap<>(Encoding.class);
            copy.putAll(encoded);
            encoded = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * An asset with no precompressed siblings.
     *
     * @param path     relative path
     * @param identity the original bytes
     */
    public Asset(String path, Variant identity) {
        this(path, identity, Map.of());
    }

    /**
     * Every file this asset is stored as, below the token directory: its own path, then each precompressed sibling
     * ({@code css/app.css.gz}), with what each holds.
     *
     * @return the files by relative path, in that order
     */
    public Map<String, Variant> files() {
        Map<String, Variant> files = new LinkedHashMap<>();
        files.put(path, identity);
        for (Map.Entry<Encoding, Variant> sibling : encoded.entrySet()) {
            files.put(path + sibling.getKey().suffix(), sibling.getValue());
        }
        return files;
    }

    /**
     * The stored form for a coding.
     *
     * @param encoding a coding, or {@code null} for the original
     * @return the variant, or {@code null} when there is no sibling for that coding
     */
    public Variant variant(Encoding encoding) {
        return encoding == null ? identity : encoded.get(encoding);
    }
}
