def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
def file = tokens.read(basedir)
assert file.token() == 'rel-7'
assert !file.fingerprinted()
def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] cachebreaker: unsafeOmitFingerprint is true, so the token 'rel-7' does not end with the fingerprint/
assert log.contains('stays stale in browsers and CDNs for cacheMaxAge')
tokens.record(basedir, mavenVersion, [token: file.token()])
