package io.cachebreaker.boot;

import io.cachebreaker.runtime.Setting;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when there is something to serve: the token file on the class path, or dev mode asked for with
 * {@code cachebreaker.dev} (which needs no token file). {@link Absent} is the opposite, so that the starter can say
 * why it stays idle rather than staying silent.
 */
class TokenFileCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ClassLoader loader = context.getClassLoader();
        if (loader != null && loader.getResource(TokenFile.RESOURCE) != null) {
            return ConditionOutcome.match("found " + TokenFile.RESOURCE);
        }
        if (Binder.get(context.getEnvironment()).bind(Setting.DEV.key(), String.class).isBound()) {
            return ConditionOutcome.match(Setting.DEV.key() + " is set");
        }
        return ConditionOutcome.noMatch("no " + TokenFile.RESOURCE + " on the class path and no " + Setting.DEV.key());
    }

    /** Matches when {@link TokenFileCondition} does not. */
    static final class Absent extends SpringBootCondition {
        private final TokenFileCondition present = new TokenFileCondition();

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            // Not ConditionOutcome.inverse: Spring Boot 4 removed it.
            ConditionOutcome outcome = present.getMatchOutcome(context, metadata);
            return new ConditionOutcome(!outcome.isMatch(), outcome.getConditionMessage());
        }
    }
}
