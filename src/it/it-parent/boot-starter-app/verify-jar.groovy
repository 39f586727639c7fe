// Shared by the spring-boot-starter-* ITs: checks that the application's own tests all ran, then runs the repackaged
// executable jar as it is deployed and looks at it over HTTP. Load it with
//   def app = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/boot-starter-app/verify-jar.groovy'))
//   app.verify(basedir, 'Tomcat')
import io.cachebreaker.runtime.tokenfile.TokenFile
import java.util.zip.ZipFile

void verify(File basedir, String container) {
    // The IT's POM, as invoker filtered it, names the Boot version the jar must report.
    def bootVersion = (new File(basedir, 'pom.xml').text =~ /<boot.version>([^<]+)<\/boot.version>/)[0][1]
    // Each class and its number of tests; a test that did not run fails the IT.
    ['ShopApplicationTest': 7, 'BackOffTest': 1, 'NoTokenFileTest': 1, 'MockServletContextTest': 1, 'WebMvcSliceTest': 1].each { name, count ->
        def report = new File(basedir, "target/surefire-reports/TEST-shop.${name}.xml")
        assert report.isFile() : "$name did not run"
        def suite = (report.text =~ /<testsuite [^>]*/)[0]
        assert suite.contains("tests=\"$count\"") && suite.contains('failures="0"') && suite.contains('errors="0"')
        assert suite.contains('skipped="0"') : suite
    }

    def server = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/server.groovy'))
    def jarFile = new File(basedir, "target/${basedir.name}-1.0.0.jar")
    assert jarFile.isFile() : "no repackaged jar $jarFile"
    def token
    def assets = [:]
    new ZipFile(jarFile).withCloseable { jar ->
        assert jar.entries().toList().every { !it.name.contains('spring-boot-devtools') }
        // Boot's repackaging moves target/classes/META-INF/ to the jar's root (Boot 3) or keeps it in
        // BOOT-INF/classes; either way the launched application finds it on its class path.
        def entry = jar.getEntry(TokenFile.RESOURCE) ?: jar.getEntry('BOOT-INF/classes/' + TokenFile.RESOURCE)
        assert entry : 'no token file in the jar'
        token = jar.getInputStream(entry).withCloseable {
            TokenFile.read(it, 'jar').token()
        }
        ['css/app.css', 'js/app.js'].each { path ->
            assets[path] = jar.getInputStream(jar.getEntry("BOOT-INF/classes/static/$token/$path")).bytes
        }
    }
    def log = new File(basedir, 'target/app.log')
    // The runtime's own spelling of a setting, as a system property: it binds to cachebreaker.retry-after and wins
    // over application.yml's 5.
    def started = server.startOnFreePort(log, { port -> "http://127.0.0.1:$port/shop/" }) { port ->
        server.start([server.java(), '-Dcachebreaker.retryAfter=7', '-jar', jarFile, "--server.port=$port",
                '--server.address=127.0.0.1'], basedir, log)
    }
    def app = started.process
    try {
        def base = "http://127.0.0.1:$started.port"
        def html = new String(started.response.body(), 'UTF-8')
        assert log.text.contains("(v$bootVersion)") : log.text
        assert log.text.contains("$container started on port") : log.text
        assert html.contains("Release $token") : html
        assets.each { path, bytes ->
            def url = "/shop/static/$token/$path"
            assert html.contains("\"$url\"") : html
            def asset = server.get(base + url)
            assert asset.statusCode() == 200 : url
            assert asset.body() == bytes : url
        }
        def redirect = server.get("$base/shop/static/000000000000001/css/app.css")
        assert redirect.statusCode() == 301
        assert redirect.headers().firstValue('Location').get() == "/shop/static/$token/css/app.css"
        def early = server.get("$base/shop/static/999999999999999/css/app.css")
        assert early.statusCode() == 503
        assert early.headers().firstValue('Retry-After').get() == '7'
        def info = new String(server.get("$base/shop/actuator/info").body(), 'UTF-8')
        assert info == "{\"cachebreaker\":{\"token\":\"$token\",\"strategy\":\"timestamp\"}}" : info
    } finally {
        server.stop(app)
    }
}
