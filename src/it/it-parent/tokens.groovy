// Helpers for the verify.groovy of the token ITs. Load with
//   def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
import io.cachebreaker.runtime.tokenfile.Fingerprint
import io.cachebreaker.runtime.tokenfile.TokenFile

/** The token file a build left in classes (relative to basedir). */
TokenFile read(File basedir, String classes = 'target/classes') {
    new File(basedir, "$classes/$TokenFile.RESOURCE").withInputStream { TokenFile.read(it, classes) }
}

/** '-' and the fingerprint of the assets a token file lists: what every token ends with. */
String suffix(TokenFile file) {
    '-' + Fingerprint.of(file.manifest())
}

/** The token each build run of this IT chose, in order, from the goal's summary line in build.log. */
List<String> logged(File basedir) {
    (new File(basedir, 'build.log').text =~ /cachebreaker: token (\S+) \(strategy/).collect { it[1] }
}

/** Keeps what an IT saw in tokens.txt next to its build.log, for the record, and prints it. */
void record(File basedir, String mavenVersion, Map<String, String> seen) {
    def text = "${basedir.name} on Maven $mavenVersion: " + seen.collect { k, v -> "$k=$v" }.join(' ') + '\n'
    new File(basedir, 'tokens.txt').text = text
    println text
}
