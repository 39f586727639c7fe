def log = new File(basedir, 'build.log').text
assert log.contains('found no git repository')
assert log.contains('-Dcachebreaker.token')
assert log.contains('-Dcachebreaker.strategy=timestamp')
assert !new File(basedir, 'target/classes/META-INF/cachebreaker.properties').exists()
