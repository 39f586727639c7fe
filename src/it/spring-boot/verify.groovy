// The application's own test ran against the started server; make sure it really ran all its cases.
def report = new File(basedir, 'target/surefire-reports/TEST-shop.ShopApplicationTest.xml')
assert report.isFile() : 'the Spring Boot test did not run'
def suite = (report.text =~ /<testsuite [^>]*/)[0]
assert suite.contains('tests="4"') && suite.contains('failures="0"') && suite.contains('errors="0"')
assert suite.contains('skipped="0"')
