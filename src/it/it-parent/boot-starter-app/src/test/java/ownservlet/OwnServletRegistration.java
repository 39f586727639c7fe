package ownservlet;

import io.cachebreaker.runtime.CachebreakerServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An application that registers the servlet itself, under its own name; outside 'shop', so only BackOffTest uses it. */
@Configuration(proxyBeanMethods = false)
public class OwnServletRegistration {

    @Bean
    ServletRegistrationBean<CachebreakerServlet> mine() {
        ServletRegistrationBean<CachebreakerServlet> registration =
                new ServletRegistrationBean<>(new CachebreakerServlet(), "/static/*");
        registration.setName("mine");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
