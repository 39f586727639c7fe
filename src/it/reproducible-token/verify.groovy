import io.cachebreaker.runtime.tokenfile.TokenFile
import java.time.Instant

def file = new File(basedir, 'target/classes/' + TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'repro') }
assert file.token() == '001767323045000'
assert file.lastModified() == Instant.parse('2026-01-02T03:04:05Z')
def gz = new File(basedir, 'target/classes/static/001767323045000/css/app.css.gz').bytes
assert gz[3] == 0 : 'gzip header must not name the file'
assert gz[4..7] == [0, 0, 0, 0] : 'gzip header must not carry a time'
