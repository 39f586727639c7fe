package io.cachebreaker.runtime.serving;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code Content-Type} of an asset by its file name: an own table first, so modern types are right even in a
 * container whose table lacks them, then the container's table, then {@code application/octet-stream}. Text types
 * of the own table say {@code charset=utf-8}, which is what build tools write.
 */
public final class ContentTypes {
    private static final String UTF8 = ";charset=utf-8";
    private static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("html", "text/html" + UTF8),
            Map.entry("htm", "text/html" + UTF8),
            Map.entry("css", "text/css" + UTF8),
            Map.entry("js", "text/javascript" + UTF8),
            Map.entry("mjs", "text/javascript" + UTF8),
            Map.entry("cjs", "text/javascript" + UTF8),
            Map.entry("txt", "text/plain" + UTF8),
            Map.entry("csv", "text/csv" + UTF8),
            Map.entry("md", "text/markdown" + UTF8),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("apng", "image/apng"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("jxl", "image/jxl"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("wav", "audio/wav"));

    private final Function<String, String> fallback;

    /**
     * A resolver.
     *
     * @param fallback the container's lookup by file name, such as {@code ServletContext::getMimeType}
     */
    public ContentTypes(Function<String, String> fallback) {
        this.fallback = fallback;
    }

    /**
     * The type of an asset.
     *
     * @param path the asset path, such as {@code js/app.mjs}
     * @return its {@code Content-Type}
     */
    public String of(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot > slash) {
            String own = TABLE.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (own != null) {
                return own;
            }
        }
        String container = fallback.apply(path.substring(slash + 1));
        // A container type is trusted only if it cannot break the header.
        if (container != null && !container.isBlank() && container.chars().allMatch(c -> c > 0x1f && c < 0x7f)) {
            return container;
        }
        return "application/octet-stream";
    }
}
