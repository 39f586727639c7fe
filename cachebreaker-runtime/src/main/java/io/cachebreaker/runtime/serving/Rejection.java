package io.cachebreaker.runtime.serving;

/**
 * A request refused before any lookup: a status (400 or 404) and, for logs only, why. The reason is never sent to the
 * client, and no stack trace is filled, so hostile traffic stays cheap.
 */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    Rejection(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static Rejection badRequest(String reason) {
        return new Rejection(400, reason);
    }

    static Rejection notFound(String reason) {
        return new Rejection(404, reason);
    }

    /** @return 400 for a malformed request, 404 for a path that cannot name an asset */
    public int status() {
        return status;
    }
}
