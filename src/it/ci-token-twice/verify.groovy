import io.cachebreaker.runtime.tokenfile.TokenStrategy

def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
def (before, after) = tokens.logged(basedir)
def file = tokens.read(basedir)
assert file.strategy() == TokenStrategy.EXPLICIT
assert after == 'rel-7' + tokens.suffix(file)
assert before ==~ /rel-7-[0-9a-f]{8}/
assert before != after : 'changed assets, same token'
assert !new File(basedir, "target/classes/static/$before").exists()
tokens.record(basedir, mavenVersion, [before: before, after: after])
