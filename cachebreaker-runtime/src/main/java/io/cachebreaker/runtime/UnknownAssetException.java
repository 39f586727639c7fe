package io.cachebreaker.runtime;

/**
 * Thrown when a URL or an integrity value is asked for an asset that the build-time manifest does not list, so a
 * typo in a template fails loudly instead of producing a broken link. Set {@code cachebreaker.strict=false} to build
 * such URLs anyway.
 */
public final class UnknownAssetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * An exception naming the asset.
     *
     * @param path    the asset path asked for
     * @param message what is wrong and how to fix it
     */
    public UnknownAssetException(String path, String message) {
        super(message);
        this.path = path;
    }

    /** @return the asset path asked for */
    public String path() {
        return path;
    }
}
