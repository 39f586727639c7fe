def log = new File(basedir, 'build.log').text
assert log.contains('cachebreaker: skipping the assets goal')
assert !new File(basedir, 'target/classes/META-INF/cachebreaker.properties').exists()
assert !new File(basedir, 'target/classes/static').exists()
