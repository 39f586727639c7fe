package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.Encoding;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An asset that may be served, with everything the hot path needs worked out at start-up: its URL-encoded path, its
 * content type, its stored forms and its {@code Last-Modified}.
 */
public final class CatalogEntry {
    private final Asset asset;
    private final String encodedPath;
    private final String contentType;
    private final StoredVariant identity;
    private final Map<Encoding, StoredVariant> encoded;
    private final Map<Encoding, Long> encodedSizes;
    private final Instant lastModified;
    private final String lastModifiedHeader;

    CatalogEntry(Asset asset, String contentType, StoredVariant identity, Map<Encoding, StoredVariant> encoded,
            Instant lastModified) {
        this.asset = asset;
        this.encodedPath = PathEncoder.encode(asset.path());
        this.contentType = contentType;
        this.identity = identity;
        this.encoded = Collections.unmodifiableMap(new EnumMap<>(encoded));
        EnumMap<Encoding, Long> sizes = new EnumMap<>(Encoding.class);
        encoded.forEach((encoding, variant) -> sizes.put(encoding, variant.size()));
        this.encodedSizes = Collections.unmodifiableMap(sizes);
        this.lastModified = lastModified;
        this.lastModifiedHeader = HttpDates.format(lastModified);
    }

    /** @return the manifest's record */
    public Asset asset() {
        return asset;
    }

    /** @return the asset path, percent-encoded for a URL */
    public String encodedPath() {
        return encodedPath;
    }

    /** @return the {@code Content-Type} */
    public String contentType() {
        return contentType;
    }

    /** @return the original bytes */
    public StoredVariant original() {
        return identity;
    }

    /**
     * A stored form, falling back to the original; unlike {@link Asset#variant}, never {@code null}.
     *
     * @param encoding a coding, or {@code null} for the original
     * @return the form; the original when there is none for that coding
     */
    public StoredVariant variantOrOriginal(Encoding encoding) {
        StoredVariant variant = encoding == null ? null : encoded.get(encoding);
        return variant == null ? identity : variant;
    }

    /** @return when the asset last changed: the token file's build time, or in dev mode the file's */
    public Instant lastModified() {
        return lastModified;
    }

    /** @return {@link #lastModified()} as an HTTP date */
    public String lastModifiedHeader() {
        return lastModifiedHeader;
    }

    /** @return the sizes of the precompressed forms, for negotiation */
    public Map<Encoding, Long> encodedSizes() {
        return encodedSizes;
    }
}
