import java.time.Instant

def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
def first = tokens.read(basedir, 'target/classes')
def second = tokens.read(basedir, 'target-second/classes')
assert first.token() == '001767323045000' + tokens.suffix(first)
assert second.token() == first.token() : 'same inputs, same token'
assert tokens.logged(basedir) == [first.token(), first.token()]
assert first.lastModified() == Instant.parse('2026-01-02T03:04:05Z')
def jar = new File(basedir, 'target/reproducible-token-1.0.0.jar').bytes
assert jar == new File(basedir, 'target-second/reproducible-token-1.0.0.jar').bytes : 'two builds, one jar'
def gz = new File(basedir, "target/classes/static/${first.token()}/css/app.css.gz").bytes
assert gz[3] == 0 : 'gzip header must not name the file'
assert gz[4..7] == [0, 0, 0, 0] : 'gzip header must not carry a time'
tokens.record(basedir, mavenVersion, [first: first.token(), second: second.token()])
