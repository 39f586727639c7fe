import io.cachebreaker.runtime.tokenfile.TokenStrategy

def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
def (before, after) = tokens.logged(basedir)
def file = tokens.read(basedir)
assert after == file.token()
assert after ==~ /[0-9]{15}-[0-9a-f]{8}/ && after.endsWith(tokens.suffix(file))
[before, after].each { assert !it.startsWith('000318211200000') : "$it is Maven 4's default instant" }
assert TokenStrategy.TIMESTAMP.compare(before, after) < 0 : 'consecutive builds order by build time'
assert new File(basedir, 'build.log').text.contains("Maven 4's default for every project")
assert file.lastModified().toString() != '1980-02-01T00:00:00Z'
tokens.record(basedir, mavenVersion, [before: before, after: after])
