package io.cachebreaker.runtime;

import io.cachebreaker.runtime.serving.AssetCatalog;
import io.cachebreaker.runtime.serving.AssetUrlBuilder;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Builds the URLs of cache-broken assets, such as {@code /ctx/static/<token>/css/app.css}: a lookup and a string
 * concatenation, with no I/O.
 *
 * <p>From Java: {@code AssetUrls.of(request).url("css/app.css")}. The servlet context also holds it as the attribute
 * {@value #ATTRIBUTE}, so templates need no code:
 * <ul>
 *   <li>JSP EL: {@code <link rel="stylesheet" href="${cachebreaker.url('css/app.css')}">}
 *   <li>Thymeleaf: {@code th:href="${application.cachebreaker.url('css/app.css')}"} (3.1 has no
 *       {@code #servletContext}), or put
 *       {@code AssetUrls.of(request)} in the model
 *   <li>FreeMarker: expose it as a shared variable or model attribute and write {@code ${cachebreaker.url('…')}}
 * </ul>
 *
 * <p>Path segments are percent-encoded, so names with spaces or non-ASCII letters work. With the setting
 * {@code cachebreaker.baseUrl} the URL is absolute, for a CDN. An asset missing from the manifest throws
 * {@link UnknownAssetException} unless {@code cachebreaker.strict=false}. In dev mode ({@code cachebreaker.dev}) the
 * token is {@code dev} and each call looks the file up on disk.
 */
public final class AssetUrls {
    /** The servlet context attribute that holds the instance, for EL and templates. */
    public static final String ATTRIBUTE = "cachebreaker";

    private final AssetUrlBuilder builder;

    AssetUrls(AssetUrlBuilder builder) {
        this.builder = builder;
    }

    /**
     * The helper of an application, reading the token file on first use.
     *
     * @param context the servlet context
     * @return the helper
     * @throws io.cachebreaker.runtime.tokenfile.TokenFileException when the token file is missing or malformed
     */
    public static AssetUrls of(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof AssetUrls urls) {
            return urls;
        }
        SiteRegistry.site(context);
        return (AssetUrls) context.getAttribute(ATTRIBUTE);
    }

    /**
     * A helper for a token file alone, with no servlet context and no asset files: for unit tests of controllers
     * and template models. Strict, with URLs below {@code contextPath}.
     *
     * <pre>
     * AssetUrls urls = AssetUrls.of(TokenFile.load(getClass().getClassLoader()), "/shop");
     * model.put("cachebreaker", urls);
     * </pre>
     *
     * @param tokenFile   the token file, such as {@link TokenFile#load} or {@link TokenFile#read} returns
     * @param contextPath the application's context path, such as {@code /shop} or empty
     * @return the helper
     */
    public static AssetUrls of(TokenFile tokenFile, String contextPath) {
        return new AssetUrls(new AssetUrlBuilder(tokenFile, AssetCatalog.forUrls(tokenFile), contextPath, null, true));
    }

    /**
     * The helper of the request's application.
     *
     * @param request a request
     * @return the helper
     */
    public static AssetUrls of(HttpServletRequest request) {
        return of(request.getServletContext());
    }

    /**
     * The URL of an asset.
     *
     * @param path the asset path below the token directory, such as {@code css/app.css}
     * @return such as {@code /ctx/static/<token>/css/app.css}, or {@code <baseUrl>/static/<token>/css/app.css}
     * @throws UnknownAssetException when strict and the manifest does not list {@code path}
     */
    public String url(String path) {
        return builder.url(path);
    }

    /**
     * The Subresource Integrity value of an asset, for {@code <script integrity="…">}.
     *
     * @param path the asset path, such as {@code js/app.js}
     * @return such as {@code sha256-…}, from the build-time manifest; in dev mode, of the file's current bytes
     * @throws UnknownAssetException when strict and the manifest does not list {@code path}
     */
    public String integrity(String path) {
        return builder.integrity(path);
    }

    /** @return this deploy's token */
    public String token() {
        return builder.token();
    }

    @Override
    public String toString() {
        return "AssetUrls[token=" + token() + "]";
    }
}
