def log = new File(basedir, 'build.log').text
['skip', 'token', 'strategy', 'gitAbbrev', 'gitDirty', 'sourceDirectory', 'outputDirectory', 'prefix', 'precompress',
 'brotli', 'unsafeOmitFingerprint', 'staticZip.skip', 'staticZip.classifier'].each { name ->
    assert log.contains('User property: cachebreaker.' + name) : 'help does not document cachebreaker.' + name
}
assert log.contains('cachebreaker:static-zip')
assert log.contains('cachebreaker:assets')
assert log.contains('includes')
assert log.contains('excludes')
