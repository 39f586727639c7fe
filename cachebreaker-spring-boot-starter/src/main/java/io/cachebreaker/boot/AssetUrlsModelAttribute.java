package io.cachebreaker.boot;

import io.cachebreaker.runtime.AssetUrls;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@link AssetUrls} into every MVC model as {@value AssetUrls#ATTRIBUTE}, so that
 * {@code ${cachebreaker.url('css/app.css')}} works the same in Thymeleaf (which cannot reach servlet context
 * attributes by that name), FreeMarker, Mustache and JSP.
 */
@ControllerAdvice
final class AssetUrlsModelAttribute {
    private final AssetUrls assetUrls;

    AssetUrlsModelAttribute(AssetUrls assetUrls) {
        this.assetUrls = assetUrls;
    }

    @ModelAttribute(AssetUrls.ATTRIBUTE)
    AssetUrls cachebreaker() {
        return assetUrls;
    }
}
