package io.cachebreaker.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

/** A WebFlux application is told at start-up that the servlet runtime cannot serve it. */
class CachebreakerReactiveAutoConfigurationTest {

    @Test
    void aReactiveApplicationGetsAWarningAndNoServletBeans() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(CachebreakerReactiveAutoConfiguration.class.getName());
        logger.addHandler(handler);
        try {
            new ReactiveWebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(CachebreakerAutoConfiguration.class,
                            CachebreakerReactiveAutoConfiguration.class))
                    .run(context -> {
                        assertEquals(0, context.getBeanNamesForType(CachebreakerServletInitializer.class).length);
                        assertEquals(0, context.getBeanNamesForType(CachebreakerProperties.class).length);
                    });
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, records.size(), "one warning");
        assertEquals(java.util.logging.Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains("WebFlux"), records.get(0).getMessage());
    }
}
