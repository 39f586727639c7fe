package io.cachebreaker.runtime.tokenfile;

/** A token file, prefix or token that breaks the contract; the message says what is wrong and how to fix it. */
public class TokenFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenFileException(String message) {
        super(message);
    }

    public TokenFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
