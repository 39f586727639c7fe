package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Zips the current token's asset tree, {@code static/<token>/…} with its precompressed siblings, and attaches the zip
 * to the project with classifier {@code static}, so that {@code install} and {@code deploy} publish it next to the
 * application, ready to unpack into a CDN origin or bucket.
 *
 * <p>Bound to {@code package}: an attached artifact must exist before {@code install} and {@code deploy}. It reads
 * the token file that the {@code assets} goal wrote and zips exactly the files that it lists.
 */
@Mojo(name = "static-zip", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class StaticZipMojo extends AbstractMojo {

    /**
     * Skips the goal; the build logs that it did.
     */
    @Parameter(property = "cachebreaker.staticZip.skip", defaultValue = "false")
    boolean skip;

    /**
     * The classifier of the attached zip, which is named {@code <finalName>-<classifier>.zip} in the build
     * directory.
     */
    @Parameter(property = "cachebreaker.staticZip.classifier", defaultValue = "static", required = true)
    String classifier;

    /**
     * Where the {@code assets} goal wrote the token directory and {@code META-INF/cachebreaker.properties}; the same
     * parameter and property as that goal's.
     */
    @Parameter(property = "cachebreaker.outputDirectory", defaultValue = "${project.build.outputDirectory}",
            required = true)
    File outputDirectory;

    /** The build directory, where the zip is written. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    /** The base name of the zip, as of the project's other artifacts. */
    @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
    String finalName;

    /** The project the zip is attached to. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    final MavenProjectHelper projectHelper;

    @Inject
    public StaticZipMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("cachebreaker: skipping the static-zip goal, as skip (cachebreaker.staticZip.skip) is"
                    + " true");
            return;
        }
        TokenFile tokenFile = readTokenFile();
        Path zip = buildDirectory.toPath().resolve(finalName + "-" + classifier + ".zip");
        int entries;
        try {
            entries = new StaticZip(outputDirectory.toPath(), tokenFile).writeTo(zip);
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker: could not write " + zip + ": " + e.getMessage(), e);
        }
        projectHelper.attachArtifact(project, "zip", classifier, zip.toFile());
        getLog().info("cachebreaker: " + zip.getFileName() + " holds " + entries + " files under "
                + tokenFile.assetDirectory() + "/, attached with classifier " + classifier);
    }

    private TokenFile readTokenFile() throws MojoExecutionException {
        Path file = outputDirectory.toPath().resolve(TokenFile.RESOURCE);
        if (!Files.isRegularFile(file)) {
            throw new MojoExecutionException("cachebreaker: there is no " + file + " to zip the assets of. Run the"
                    + " assets goal before static-zip (bind both in the same execution), or skip static-zip with"
                    + " cachebreaker.staticZip.skip.");
        }
        try {
            return TokenFile.read(file);
        } catch (TokenFileException e) {
            throw new MojoExecutionException("cachebreaker: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
