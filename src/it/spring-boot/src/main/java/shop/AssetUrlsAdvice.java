package shop;

import io.cachebreaker.runtime.AssetUrls;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Thymeleaf 3.1 has no #servletContext, so every view gets the URL helper as the model attribute 'cachebreaker'. */
@ControllerAdvice
class AssetUrlsAdvice {

    @ModelAttribute("cachebreaker")
    AssetUrls cachebreaker(HttpServletRequest request) {
        return AssetUrls.of(request);
    }
}
