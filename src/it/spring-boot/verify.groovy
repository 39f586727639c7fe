import io.cachebreaker.runtime.tokenfile.TokenFile
import java.util.zip.ZipFile

// The application's own tests ran against the started server; make sure they really ran all their cases.
['ShopApplicationTest': 4, 'CdnBaseUrlTest': 1].each { name, count ->
    def report = new File(basedir, "target/surefire-reports/TEST-shop.${name}.xml")
    assert report.isFile() : "$name did not run"
    def suite = (report.text =~ /<testsuite [^>]*/)[0]
    assert suite.contains("tests=\"$count\"") && suite.contains('failures="0"') && suite.contains('errors="0"')
    assert suite.contains('skipped="0"') : suite
}

// The executable jar is laid out differently from target/classes, which the test above used: Boot's repackaging
// leaves META-INF/ (and so the token file) at the jar's root while the assets go to BOOT-INF/classes, read through
// Boot's nested-jar class loader. Run it and fetch the assets its page links.
def server = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/server.groovy'))
def jarFile = new File(basedir, 'target/spring-boot-1.0.0.jar')
def token
def assets = [:]
new ZipFile(jarFile).withCloseable { jar ->
    assert jar.getEntry('BOOT-INF/classes/' + TokenFile.RESOURCE) == null
    token = jar.getInputStream(jar.getEntry(TokenFile.RESOURCE)).withCloseable {
        TokenFile.read(it, 'jar').token()
    }
    ['css/app.css', 'js/app.js'].each { path ->
        assets[path] = jar.getInputStream(jar.getEntry("BOOT-INF/classes/static/$token/$path")).bytes
    }
}
def log = new File(basedir, 'target/app.log')
def started = server.startOnFreePort(log, { port -> "http://127.0.0.1:$port/shop/" }) { port ->
    server.start([server.java(), '-jar', jarFile, "--server.port=$port", '--server.address=127.0.0.1'], basedir, log)
}
def app = started.process
try {
    def base = "http://127.0.0.1:$started.port"
    def html = new String(started.response.body(), 'UTF-8')
    assets.each { path, bytes ->
        def url = "/shop/static/$token/$path"
        assert html.contains("\"$url\"") : html
        def asset = server.get(base + url)
        assert asset.statusCode() == 200 : url
        assert asset.body() == bytes : url
    }
    assert html.contains("Release $token") : html
} finally {
    server.stop(app)
}
