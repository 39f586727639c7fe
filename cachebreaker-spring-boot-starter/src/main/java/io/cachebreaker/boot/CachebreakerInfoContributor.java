package io.cachebreaker.boot;

import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code "cachebreaker": {"token": …, "strategy": …}} to {@code /actuator/info}, so an operator can see which
 * deploy an instance serves. Nothing else: the manifest and the settings stay private.
 */
final class CachebreakerInfoContributor implements InfoContributor {
    private final Map<String, String> details;

    CachebreakerInfoContributor(AssetUrls assetUrls, ClassLoader loader) {
        String token = assetUrls.token();
        String strategy = "dev";
        if (loader.getResource(TokenFile.RESOURCE) != null) {
            TokenFile tokenFile = TokenFile.load(loader);
            // In dev mode the token is 'dev', whatever the token file's strategy.
            if (tokenFile.token().equals(token)) {
                strategy = tokenFile.strategy().id();
            }
        }
        Map<String, String> map = new LinkedHashMap<>();
        map.put("token", token);
        map.put("strategy", strategy);
        details = Collections.unmodifiableMap(map);
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("cachebreaker", details);
    }
}
