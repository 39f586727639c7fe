// The build passes only when the tests pass; this makes sure they all ran: a surefire that found no test, or a class
// that JUnit skipped, would also leave a green build.
def reports = new File(basedir, 'tests/target/surefire-reports')
def expected = ['RedeployTest': 4, 'RollingDeployTest': 7, 'RollingDeployHopsOffTest': 6]
expected.each { name, count ->
    def report = new File(reports, "TEST-io.cachebreaker.it.browser.${name}.xml")
    assert report.isFile() : "no surefire report for $name"
    // The attributes of the first <testsuite> element; Groovy's XML module is not on the hook's class path.
    def suite = (report.text =~ /<testsuite [^>]*>/)[0]
    def attr = { String key -> (suite =~ / $key="(\d+)"/)[0][1].toInteger() }
    assert attr('tests') == count : "$name ran ${attr('tests')} tests, expected $count"
    assert attr('skipped') == 0 : "$name skipped tests"
}
def report = new File(basedir, 'tests/target/rolling-report.txt')
assert report.isFile() : 'the rolling-deploy report was not written'
assert report.text.contains('== rolling (') && report.text.contains('== rolling-hops-0 (') : report.text
true
