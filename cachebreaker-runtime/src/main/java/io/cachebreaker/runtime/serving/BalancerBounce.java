package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.AssetPrefix;

/**
 * Sends a browser's subresource request for bytes this instance lacks back through the load balancer, during a
 * rolling deploy: a non-cacheable {@code 307} to the very same URL, with a hop counter in the query.
 *
 * <p>Why: while releases overlap, a page served by one release asks the balancer for its assets, and the balancer may
 * pick an instance of the other release. The seed answers {@code 503} with {@code Retry-After}, but a browser requests
 * a stylesheet or a module script once and never retries it, and a {@code 301} to the other release's bytes fails the
 * page's integrity check or mixes releases. A browser does follow a {@code 307}, and asks the balancer again, which
 * soon picks an instance that holds the exact bytes. Each hop has the chance {@code k/n} of reaching one of the
 * {@code k} instances of {@code n} that hold them.
 *
 * <p>Only browsers get it: they announce a subresource request with {@code Sec-Fetch-Mode} {@code cors},
 * {@code no-cors} or {@code same-origin}. Navigations, clients without the header (curl, HTTP libraries, a CDN
 * fetching from its origin) and malformed headers keep the seed's answers. The counter bounds the loop below the
 * browsers' redirect limit (20); once it is spent, or when it is missing, malformed, repeated or out of range, the
 * seed's answer follows. The state lives in the URL, so memory does not grow. The location is rebuilt from the decoded
 * token and asset path, never copied from the request, so it stays on this host and cannot carry a header break.
 *
 * <p>Behind a layer-4 balancer a browser's keep-alive connection sticks to one instance, so every hop lands on the
 * same one: the bound makes that case cost a few round trips and end as the seed does.
 */
final class BalancerBounce {
    /** The query parameter that counts hops. */
    static final String HOP_PARAMETER = "cb-hop";

    /** The most hops a setting may allow, below the 20 redirects browsers follow. */
    static final int MAX_HOPS = 19;

    private final int hops;
    private final String rawMountPrefix;
    private final AssetPrefix prefix;
    private final StatusReplies statusReplies;

    /**
     * @param hops           how many bounces a request may take; 0 never bounces
     * @param rawMountPrefix the encoded context path and mount, such as {@code /ctx/static/}
     * @param prefix         the token file's prefix, which places the token in the path
     * @param statusReplies  writes the redirect
     */
    BalancerBounce(int hops, String rawMountPrefix, AssetPrefix prefix, StatusReplies statusReplies) {
        this.hops = hops;
        this.rawMountPrefix = rawMountPrefix;
        this.prefix = prefix;
        this.statusReplies = statusReplies;
    }

    /**
     * The bounce for a request, if it gets one.
     *
     * @param request the request
     * @param path    its decoded token and asset path
     * @return the {@code 307}, or {@code null} when the seed's answer applies
     */
    Reply bounce(IncomingRequest request, RequestPath path) {
        if (hops == 0 || !isBrowserSubresource(request.header("Sec-Fetch-Mode"))) {
            return null;
        }
        Query query = Query.parse(request.query());
        if (query == null || query.hopsTaken() >= hops) {
            return null;
        }
        String location = rawMountPrefix + prefix.directory(path.token()).substring(prefix.mount().length() + 1)
                + "/" + PathEncoder.encode(path.assetPath());
        return statusReplies.bounce(location, query.withHop(query.hopsTaken() + 1));
    }

    /**
     * A query without the hop counter, for the seed's redirect once bouncing is over.
     *
     * @param raw the raw query, or {@code null}
     * @return the other parameters, or {@code null} when none are left; the query as it came when it is not one that
     *         bouncing would have read (a tampered counter stays, so the redirect shows what was sent)
     */
    static String withoutCounter(String raw) {
        Query query = Query.parse(raw);
        if (query == null) {
            return raw;
        }
        return query.others().isEmpty() ? null : query.others();
    }

    /** Only the exact values a browser sends count: a list, another case or padding is not a browser's header. */
    static boolean isBrowserSubresource(String secFetchMode) {
        return "cors".equals(secFetchMode) || "no-cors".equals(secFetchMode) || "same-origin".equals(secFetchMode);
    }

    /**
     * A request's query split into the hop counter and everything else.
     *
     * @param others    the other parameters as they came, or empty
     * @param hopsTaken the counter's value, 0 when absent
     */
    record Query(String others, int hopsTaken) {

        /**
         * @param raw the raw query, or {@code null}
         * @return the parts, or {@code null} when the counter is repeated, empty, signed, zero-padded or larger
         *         than {@link #MAX_HOPS}, so that a tampered counter can never extend the loop
         */
        static Query parse(String raw) {
            if (raw == null || raw.isEmpty()) {
                return new Query("", 0);
            }
            StringBuilder others = new StringBuilder();
            int taken = -1;
            for (String parameter : raw.split("&", -1)) {
                if (parameter.equals(HOP_PARAMETER) || parameter.startsWith(HOP_PARAMETER + "=")) {
                    if (taken >= 0) {
                        return null;
                    }
                    taken = count(parameter.substring(Math.min(parameter.length(), HOP_PARAMETER.length() + 1)));
                    if (taken < 0) {
                        return null;
                    }
                } else {
                    others.append(others.length() == 0 ? "" : "&").append(parameter);
                }
            }
            return new Query(others.toString(), Math.max(taken, 0));
        }

        private static int count(String value) {
            if (value.isEmpty() || value.length() > 2 || (value.length() == 2 && value.charAt(0) == '0')) {
                return -1;
            }
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return -1;
                }
            }
            int n = Integer.parseInt(value);
            return n >= 1 && n <= MAX_HOPS ? n : -1;
        }

        /**
         * @param hop the next counter value
         * @return the query to send the browser back with: the other parameters, when they may be copied, and the
         *         counter
         */
        String withHop(int hop) {
            String counter = HOP_PARAMETER + "=" + hop;
            return others.isEmpty() || !StatusReplies.isSafeQuery(others) ? counter : others + "&" + counter;
        }
    }
}
