package io.cachebreaker.runtime.tokenfile;

/** A token that cannot be used in a URL, or that its strategy cannot order. */
public final class InvalidTokenException extends TokenFileException {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(message);
    }
}
