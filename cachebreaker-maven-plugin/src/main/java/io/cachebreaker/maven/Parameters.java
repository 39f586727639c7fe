package io.cachebreaker.maven;

/**
 * How messages name a plugin parameter, so that every error and log line points at the same two spellings a user can
 * set: the POM's {@code <x>} and the command line's {@code -Dcachebreaker.x}.
 *
 * <p>The rule for exception types lives here too, as it is about parameters: a value the user set that cannot work
 * is a {@link org.apache.maven.plugin.MojoFailureException} (the build's input is wrong, fix the POM or the command
 * line); trouble with the environment, such as a file that cannot be read or written or a repository that cannot be
 * opened, is a {@link org.apache.maven.plugin.MojoExecutionException}.
 */
final class Parameters {
    private Parameters() {
    }

    /**
     * @param name a parameter that has the user property {@code cachebreaker.<name>}
     * @return {@code (parameter 'name', property 'cachebreaker.name')}
     */
    static String named(String name) {
        return "(parameter '" + name + "', property 'cachebreaker." + name + "')";
    }
}
