package io.cachebreaker.boot;

import io.cachebreaker.runtime.CachebreakerServlet;
import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.Setting;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.nio.file.Path;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;

/**
 * Mounts {@link CachebreakerServlet} at the prefix's root with the settings {@link BootSettings} resolves, unless the
 * application registered the servlet itself. It runs after the application's own initializers and registration beans
 * (lowest precedence), so it can see theirs.
 */
final class CachebreakerServletInitializer implements ServletContextInitializer, Ordered {
    private static final Log LOG = LogFactory.getLog(CachebreakerServletInitializer.class);

    private final CachebreakerProperties properties;
    private final Path devtoolsDevDirectory;

    /**
     * @param properties           the bound properties
     * @param devtoolsDevDirectory decided while the application context starts, on the application's thread, where
     *                             devtools can tell a test run from a developer's run; {@code null} for none
     */
    CachebreakerServletInitializer(CachebreakerProperties properties, Path devtoolsDevDirectory) {
        this.properties = properties;
        this.devtoolsDevDirectory = devtoolsDevDirectory;
    }

    @Override
    public void onStartup(ServletContext context) {
        String own = servletRegisteredIn(context);
        if (own != null) {
            // In a WAR, the runtime's own ServletContainerInitializer may have come first; say so, since then the
            // cachebreaker.* properties are not what the servlet uses.
            LOG.info("cachebreaker: CachebreakerServlet is already registered as '" + own + "' (by the application,"
                    + " or in a WAR by the runtime's ServletContainerInitializer), so the starter leaves the servlet to"
                    + " that registration, which reads its settings from context parameters and system properties,"
                    + " not from the cachebreaker.* properties.");
            return;
        }
        CachebreakerSettings settings = BootSettings.resolve(properties, context::getInitParameter,
                devtoolsDevDirectory);
        if (!settings.autoRegister()) {
            LOG.info("cachebreaker: " + Setting.AUTO_REGISTER.key() + " is false, so the starter mounts no servlet;"
                    + " register it with CachebreakerServlet.register(servletContext, settings).");
            return;
        }
        CachebreakerServlet.register(context, settings);
    }

    /** @return the name under which the context holds a {@link CachebreakerServlet}, or {@code null} */
    static String servletRegisteredIn(ServletContext context) {
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            if (CachebreakerServlet.class.getName().equals(registration.getClassName())) {
                return registration.getName();
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
