package io.cachebreaker.runtime;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.util.Set;

/**
 * Zero configuration in a WAR: when {@value TokenFile#RESOURCE} is on the class path (or dev mode is on), reads it
 * (failing start-up if it is malformed), publishes {@link AssetUrls} as the context attribute {@value
 * AssetUrls#ATTRIBUTE}, and mounts {@link CachebreakerServlet} at the prefix's root, unless the application declares
 * the servlet itself or sets the context init parameter {@code cachebreaker.autoRegister=false}. Registered in
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}.
 *
 * <p>Spring Boot's embedded containers do not run these initializers; add cachebreaker-spring-boot-starter, or
 * register the servlet as {@link CachebreakerServlet} shows.
 */
public final class CachebreakerInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        try {
            CachebreakerSettings settings =
                    CachebreakerSettings.fromInitParametersAndSystemProperties(context::getInitParameter);
            if (!settings.autoRegister()) {
                return;
            }
            // Dev mode needs no token file, so that it works before the plugin has ever run.
            if (settings.devDirectory() == null
                    && SiteRegistry.classLoader(context).getResource(TokenFile.RESOURCE) == null) {
                context.log("cachebreaker: no " + TokenFile.RESOURCE + " on the class path; the servlet is not"
                        + " mounted. Run the cachebreaker-maven-plugin goal 'assets' before packaging to enable it.");
                return;
            }
            if (declaredByApplication(context)) {
                SiteRegistry.site(context);
                return;
            }
            CachebreakerServlet.register(context);
        } catch (RuntimeException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    private static boolean declaredByApplication(ServletContext context) {
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            if (CachebreakerServlet.class.getName().equals(registration.getClassName())) {
                return true;
            }
        }
        return false;
    }
}
