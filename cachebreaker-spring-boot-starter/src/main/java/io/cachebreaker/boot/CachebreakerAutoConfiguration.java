package io.cachebreaker.boot;

import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.CachebreakerServlet;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import jakarta.servlet.ServletContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * cachebreaker in a Spring MVC application: mounts the servlet at the prefix's root, publishes {@link AssetUrls} as a
 * bean and as the model attribute {@value AssetUrls#ATTRIBUTE}, and, with Actuator, shows the token in
 * {@code /actuator/info}. Without a token file it logs why it does nothing.
 *
 * <p>It uses only what Spring Boot 3.5 and 4.0 share: the conditions and {@code @AutoConfiguration} of
 * spring-boot-autoconfigure, and {@code ServletContextInitializer}/{@code ServletRegistrationBean} of
 * {@code org.springframework.boot.web.servlet}. It names no other auto-configuration, since Boot 4 moved the web ones
 * to new modules and packages; Actuator and Spring MVC are guarded by class name.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(CachebreakerProperties.class)
public class CachebreakerAutoConfiguration {

    /** The servlet and the URL helper, when there is something to serve. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TokenFileCondition.class)
    static class Serving {

        /** Backs off when the application registers the servlet with a registration bean of its own. */
        @Bean
        @ConditionalOnMissingBean(value = CachebreakerServlet.class,
                parameterizedContainer = ServletRegistrationBean.class)
        CachebreakerServletInitializer cachebreakerServletInitializer(CachebreakerProperties properties,
                ResourceLoader resourceLoader) {
            return new CachebreakerServletInitializer(properties,
                    DevtoolsDevMode.directory(properties.isDevtools(), resourceLoader.getClassLoader()));
        }

        /**
         * The servlet context exists by now: Boot creates the web server before it creates ordinary beans, so the
         * helper normally exists already. Where no servlet was registered, as in a mock servlet context (MockMvc), it
         * is built here with the same settings the servlet would have had.
         */
        @Bean
        @ConditionalOnMissingBean
        AssetUrls cachebreakerAssetUrls(ServletContext servletContext, CachebreakerProperties properties,
                ResourceLoader resourceLoader) {
            if (CachebreakerServletInitializer.servletRegisteredIn(servletContext) != null) {
                return AssetUrls.of(servletContext);
            }
            return AssetUrls.of(servletContext, BootSettings.resolve(properties, servletContext::getInitParameter,
                    DevtoolsDevMode.directory(properties.isDevtools(), resourceLoader.getClassLoader())));
        }
    }

    /** Spring MVC's models. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TokenFileCondition.class)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class Mvc {

        @Bean
        AssetUrlsModelAttribute cachebreakerModelAttribute(AssetUrls assetUrls) {
            return new AssetUrlsModelAttribute(assetUrls);
        }
    }

    /** Actuator's info endpoint. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TokenFileCondition.class)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
    static class Actuator {

        @Bean
        CachebreakerInfoContributor cachebreakerInfoContributor(AssetUrls assetUrls, ResourceLoader resourceLoader) {
            return new CachebreakerInfoContributor(assetUrls, resourceLoader.getClassLoader());
        }
    }

    /** Says once, at start-up, why nothing is served. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TokenFileCondition.Absent.class)
    static class Idle {
        private static final Log LOG = LogFactory.getLog(CachebreakerAutoConfiguration.class);

        Idle() {
            LOG.warn("cachebreaker: no " + TokenFile.RESOURCE + " on the class path, so no asset servlet is mounted"
                    + " and there is no AssetUrls bean. Add the cachebreaker-maven-plugin goal 'assets' to the build"
                    + " (it runs in process-resources and writes that file), or set cachebreaker.dev for dev mode.");
        }
    }
}
