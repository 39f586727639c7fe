// The build passes only when the tests pass; this makes sure they all ran: a surefire that found no test, or a class
// that JUnit skipped, would also leave a green build.
def reports = new File(basedir, 'tests/target/surefire-reports')
def expected = ['RedeployTest': 2, 'RollingDeployTest': 6, 'RollingDeployHopsOffTest': 6]
expected.each { name, count ->
    def report = new File(reports, "TEST-io.cachebreaker.it.browser.${name}.xml")
    assert report.isFile() : "no surefire report for $name"
    def suite = new XmlSlurper().parse(report)
    assert suite.@tests.toInteger() == count : "$name ran ${suite.@tests} tests, expected $count"
    assert suite.@skipped.toInteger() == 0 : "$name skipped tests"
}
def report = new File(basedir, 'tests/target/rolling-report.txt')
assert report.isFile() : 'the rolling-deploy report was not written'
assert report.text.contains('== rolling (') && report.text.contains('== rolling-hops-0 (') : report.text
true
