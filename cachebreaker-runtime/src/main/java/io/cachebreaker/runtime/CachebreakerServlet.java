package io.cachebreaker.runtime;

import io.cachebreaker.runtime.serving.AssetSite;
import io.cachebreaker.runtime.serving.IncomingRequest;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.Objects;

/**
 * Serves {@code /<prefix>/<current token>/<path>}, redirects older tokens, answers 503 for newer ones during a
 * rolling deploy, and 404 for everything else. Only assets listed in the build-time manifest can be served.
 *
 * <p>In a WAR, {@link CachebreakerInitializer} mounts it at the prefix's root, such as {@code /static/*}. Elsewhere,
 * one line:
 * <pre>
 * // any Servlet container (embedded Jetty or Tomcat, a ServletContextListener, a ServletContainerInitializer)
 * CachebreakerServlet.register(servletContext);
 * // Spring Boot, whose embedded containers do not run ServletContainerInitializers, without the
 * // cachebreaker-spring-boot-starter (which does this for you)
 * &#64;Bean ServletContextInitializer cachebreaker() { return CachebreakerServlet::register; }
 * </pre>
 * {@link #register} maps the servlet, loads it on start-up and publishes {@link AssetUrls} at once. Registering the
 * class by hand (web.xml, {@code ServletRegistrationBean}) works too: the mapping must then be the prefix's part
 * before the token followed by {@code /*}, such as {@code /static/*}, and with load-on-startup the token file is
 * checked and {@link AssetUrls} published during start-up rather than on the first request.
 */
public class CachebreakerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The name under which {@link #register} registers the servlet. */
    public static final String NAME = "cachebreaker";

    private transient AssetSite site;

    /** A servlet that finds its configuration in its servlet context at {@link #init()}. */
    public CachebreakerServlet() {
    }

    /**
     * Registers the servlet at the prefix's root (such as {@code /static/*}), loaded on start-up. Calling it when it
     * is already registered under {@value #NAME} returns that registration.
     *
     * @param context the servlet context, during start-up
     * @return the registration
     * @throws io.cachebreaker.runtime.tokenfile.TokenFileException when the token file is missing or malformed
     * @throws IllegalStateException when another servlet holds the name or the mapping
     */
    public static ServletRegistration.Dynamic register(ServletContext context) {
        return register(SiteRegistry.site(context), context);
    }

    /**
     * Registers the servlet as {@link #register(ServletContext)} does, with settings made in code rather than read
     * from init parameters and system properties:
     * <pre>
     * CachebreakerServlet.register(context, CachebreakerSettings.builder().retryAfter(Duration.ofSeconds(5)).build());
     * </pre>
     * A context has one set of settings, fixed by whichever comes first: this call, {@link #register(ServletContext)},
     * {@link AssetUrls#of}, or the servlet's start-up. Call it before anything else in the context asks for asset URLs;
     * settings given after that are ignored, and the context's log says so.
     *
     * @param context  the servlet context, during start-up
     * @param settings the settings for this context
     * @return the registration
     * @throws io.cachebreaker.runtime.tokenfile.TokenFileException when the token file is missing or malformed
     * @throws IllegalStateException when another servlet holds the name or the mapping
     */
    public static ServletRegistration.Dynamic register(ServletContext context, CachebreakerSettings settings) {
        return register(SiteRegistry.site(context, Objects.requireNonNull(settings, "settings")), context);
    }

    private static ServletRegistration.Dynamic register(AssetSite site, ServletContext context) {
        ServletRegistration.Dynamic registration = context.addServlet(NAME, CachebreakerServlet.class);
        if (registration == null) {
            ServletRegistration existing = context.getServletRegistration(NAME);
            if (existing instanceof ServletRegistration.Dynamic dynamic
                    && CachebreakerServlet.class.getName().equals(existing.getClassName())) {
                return dynamic;
            }
            throw new IllegalStateException("cachebreaker: another servlet is already registered under the name '"
                    + NAME + "'.");
        }
        var conflicts = registration.addMapping(site.servletMapping());
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("cachebreaker: the mapping " + site.servletMapping()
                    + " already belongs to another servlet. Remove that mapping, or change the plugin's prefix.");
        }
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Override
    public void init() throws ServletException {
        try {
            site = SiteRegistry.site(getServletContext());
        } catch (RuntimeException e) {
            throw new ServletException(e.getMessage(), e);
        }
        warnAboutAnotherMapping();
    }

    /** Asset URLs always start with the prefix's mount, so a servlet mapped elsewhere would only ever answer 404. */
    private void warnAboutAnotherMapping() {
        ServletRegistration registration = getServletContext().getServletRegistration(getServletName());
        if (registration != null && !registration.getMappings().contains(site.servletMapping())) {
            log("cachebreaker: this servlet is mapped to " + registration.getMappings() + ", but the token file's"
                    + " prefix needs " + site.servletMapping() + "; asset requests will not reach it.");
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        IncomingRequest incoming = new IncomingRequest(method, site.rawPathBelowMount(request.getRequestURI()),
                request.getQueryString(), name -> header(request, name));
        ReplyWriter.write(site.handler().handle(incoming), request, response, "HEAD".equals(method));
    }

    private static String header(HttpServletRequest request, String name) {
        // Most of the seven headers asked for are absent; getHeader answers that without building an enumeration.
        if (request.getHeader(name) == null) {
            return null;
        }
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(", ").append(values.nextElement());
        }
        return joined.toString();
    }
}
