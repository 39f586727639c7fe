package shop;

import io.cachebreaker.runtime.CachebreakerServlet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class ShopApplication {

    /** Boot's embedded containers skip ServletContainerInitializers, so the runtime is registered here: one line. */
    @Bean
    ServletContextInitializer cachebreaker() {
        return CachebreakerServlet::register;
    }

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
