package io.cachebreaker.maven;

import org.apache.maven.plugin.MojoExecutionException;

/** A retained release that cannot be used; the message names the source and the fix. */
class RetentionException extends MojoExecutionException {
    private static final long serialVersionUID = 1L;

    RetentionException(String message) {
        super(message);
    }

    RetentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
