package io.cachebreaker.demo;

import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo's one page. Every asset URL on it comes from {@link AssetUrls}, the way an application's own templates
 * would build them, so the page source shows the current token.
 */
public final class IndexPage extends HttpServlet {
    /**
     * A token older and one newer than any real token of a strategy, for the page's examples. The demo's strategy
     * depends on where it is built: {@code git} in a checkout, the build time elsewhere.
     *
     * @param strategy the strategy the token file records
     * @return an older and a newer token
     */
    static String[] around(TokenStrategy strategy) {
        return switch (strategy) {
            case TIMESTAMP -> new String[] {"000000000000001", "999999999999999"};
            case GIT -> new String[] {"20000101000000-0000000", "99991231235959-fffffff"};
            case VERSION -> new String[] {"0.0.1", "99999.0.0"};
            case EXPLICIT -> new String[] {"0", "zzzzzzzz"};
        };
    }

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AssetUrls assets = AssetUrls.of(request.getServletContext());
        String token = assets.token();
        // Built from the port alone: echoing the Host header into markup would let a request inject HTML.
        String origin = "http://localhost:" + request.getLocalPort();
        String css = assets.url("css/app.css");
        String[] around = around(TokenFile.load(IndexPage.class.getClassLoader()).strategy());
        String older = css.replace("/" + token + "/", "/" + around[0] + "/");
        String newer = css.replace("/" + token + "/", "/" + around[1] + "/");
        String html = """
                <!DOCTYPE html>
                <html lang="en" data-token="%1$s">
                <head>
                  <meta charset="utf-8">
                  <title>cachebreaker demo</title>
                  <link rel="preload" href="%2$s" as="font" type="font/woff2" crossorigin>
                  <style>
                    @font-face {
                      font-family: "Open Sans";
                      src: url("%2$s") format("woff2");
                      font-display: swap;
                    }
                  </style>
                  <link rel="stylesheet" href="%3$s" integrity="%4$s">
                  <script type="module" src="%5$s" integrity="%6$s"></script>
                </head>
                <body>
                  <header>
                    <img src="%7$s" alt="cachebreaker logo">
                    <h1>cachebreaker demo</h1>
                  </header>
                  <main>
                    <p>This deploy's token is <code class="token">%1$s</code>. Every asset URL on this page carries it,
                    so the assets are cached for a year and still change on the next deploy.</p>
                    <p id="status">JavaScript modules not loaded.</p>
                    <h2>Watch the rules with curl</h2>
                    <table>
                      <tr><th>request</th><th>answer</th></tr>
                      <tr><td><code>curl -i %8$s%3$s</code></td><td>200, cached for a year</td></tr>
                      <tr><td><code>curl -i %8$s%9$s</code></td><td>301 to the current token (an older deploy)</td></tr>
                      <tr><td><code>curl -i %8$s%10$s</code></td>
                      <td>503 with Retry-After: 3 (a newer deploy is rolling out)</td></tr>
                      <tr><td><code>curl -i %8$s%11$s</code></td><td>404 (current token, no such asset)</td></tr>
                    </table>
                  </main>
                </body>
                </html>
                """.formatted(
                        token,
                        assets.url("fonts/open-sans-regular.woff2"),
                        css,
                        assets.integrity("css/app.css"),
                        assets.url("js/app.mjs"),
                        assets.integrity("js/app.mjs"),
                        assets.url("img/logo.svg"),
                        origin,
                        older,
                        newer,
                        css.replace("css/app.css", "css/missing.css"));
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        // The page names the current token, so it must be fetched anew after every deploy.
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
