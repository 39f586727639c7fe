package io.cachebreaker.boot;

import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * The runtime is a servlet, so a WebFlux application cannot use it; this says so at start-up instead of leaving
 * asset URLs to fail later without a word.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class CachebreakerReactiveAutoConfiguration {
    static final String WARNING = "cachebreaker: this is a reactive (WebFlux) application, but cachebreaker-runtime"
            + " serves assets with a servlet, so nothing is mounted and there is no AssetUrls bean. Run the"
            + " application on Spring MVC (spring-boot-starter-web), or serve the token directory yourself.";

    public CachebreakerReactiveAutoConfiguration() {
        LogFactory.getLog(CachebreakerReactiveAutoConfiguration.class).warn(WARNING);
    }
}
