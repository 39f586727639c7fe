package io.cachebreaker.maven;

/**
 * A configured retention source that is not there: a path that does not exist, or an artifact that no repository
 * has. Unlike a source that is there but unusable (corrupt, unsafe), this obeys {@code retainMissing}.
 */
final class MissingSourceException extends RetentionException {
    private static final long serialVersionUID = 1L;

    MissingSourceException(String message) {
        super(message);
    }
}
