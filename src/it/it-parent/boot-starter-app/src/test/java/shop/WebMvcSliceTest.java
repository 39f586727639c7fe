package shop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * A @WebMvcTest renders views, so its slice must include the starter, or every template that uses cachebreaker fails
 * there. Boot 3 and Boot 4 name the slice's annotation differently, and the starter lists itself under both; this
 * checks the list that this Boot version reads.
 */
class WebMvcSliceTest {
    private static final String[] SLICE_ANNOTATIONS = {
        "org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureWebMvc", // Boot 4
        "org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureWebMvc", // Boot 3
    };

    @Test
    void theWebMvcSliceOfThisBootVersionImportsTheStarter() throws Exception {
        Class<? extends Annotation> slice = null;
        for (String name : SLICE_ANNOTATIONS) {
            try {
                slice = Class.forName(name).asSubclass(Annotation.class);
                break;
            } catch (ClassNotFoundException e) {
                // the other Boot version
            }
        }
        assertTrue(slice != null, "neither Boot 3's nor Boot 4's AutoConfigureWebMvc is on the test class path");
        List<String> imports = new ArrayList<>();
        ImportCandidates.load(slice, getClass().getClassLoader()).forEach(imports::add);
        assertTrue(imports.contains("io.cachebreaker.boot.CachebreakerAutoConfiguration"), slice + ": " + imports);
    }
}
