import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.temporal.ChronoUnit

def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
def logged = tokens.logged(basedir)
assert logged.size() == 2 : 'two builds, two tokens logged: ' + logged
def (first, second) = logged
def file = tokens.read(basedir)
assert file.strategy().id() == 'version'
assert file.token() == second

// The version, the session's start time to the second, and the fingerprint of the assets.
def shape = ~/1\.5\.0-SNAPSHOT-([0-9]{14})-([0-9a-f]{8})/
[first, second].each { assert it ==~ shape : it }
assert first.endsWith(tokens.suffix(file)) : 'the same assets, the same fingerprint: ' + first
assert second.endsWith(tokens.suffix(file)) : second
assert first != second : 'two snapshot builds share the token ' + first

def time = { String token ->
    LocalDateTime.parse((token =~ shape)[0][1], DateTimeFormatter.ofPattern('yyyyMMddHHmmss')).toInstant(ZoneOffset.UTC)
}
Instant firstTime = time(first)
Instant secondTime = time(second)
assert firstTime.isBefore(secondTime) : "the later build's time is later: $first, $second"
// The token file's lastModified is the session start the token was made from, to the millisecond.
assert file.lastModified().truncatedTo(ChronoUnit.SECONDS) == secondTime
// And it is this run's time, not a pinned outputTimestamp: the builds ran within the IT's timeout, before now.
Instant now = Instant.now()
assert !secondTime.isAfter(now) : "$secondTime is in the future"
assert firstTime.isAfter(now.minusSeconds(900)) : "$firstTime is not this run's time"

assert file.strategy().compare(first, second) < 0 : 'the later snapshot orders after the earlier'
assert file.strategy().compare(second, '1.5.0') < 0 : 'a snapshot orders before its release'
assert !new File(basedir, "target/classes/static/$first").exists() : 'the earlier tree is cleaned'
tokens.record(basedir, mavenVersion, [first: first, second: second])
