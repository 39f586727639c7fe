import io.cachebreaker.runtime.tokenfile.TokenStrategy

def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
def (before, after) = tokens.logged(basedir)
def file = tokens.read(basedir)
assert after == file.token()
assert after == '001795478400000' + tokens.suffix(file)
assert before ==~ /001795478400000-[0-9a-f]{8}/
assert before != after : 'changed assets, same token'
assert TokenStrategy.TIMESTAMP.compare(before, after) == 0 : 'only the fingerprint tells them apart: no order'
assert !new File(basedir, "target/classes/static/$before").exists() : 'the old token directory is still there'
assert new File(basedir, "target/classes/static/$after/css/app.css").text.contains('blue')
tokens.record(basedir, mavenVersion, [before: before, after: after])
