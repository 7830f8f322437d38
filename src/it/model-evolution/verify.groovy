// Checks what the scenario's builds left in the sample project.
def history = new File(basedir, 'src/main/driftless')
def names = history.list().sort()
assert names == ['V0001__initial.sql', 'V0002__add_location.sql', 'V0003__rename_location.sql', 'changelog.md',
                 'schema.md', 'snapshot.driftless'] : names
assert new File(history, 'schema.md').text.startsWith('# Schema at version 3\n\n```mermaid\nerDiagram\n')
def changelog = new File(history, 'changelog.md').text
assert changelog.startsWith('# Versions\n\n## Version 3: rename_location\n') : changelog
assert changelog.contains('\n## Version 2: add_location\n') && changelog.contains('\n## Version 1: initial\n') : changelog

def v2 = new File(history, 'V0002__add_location.sql').text
assert v2.contains('ALTER TABLE sensor ADD COLUMN location character varying(120);')
assert v2.contains('ALTER TABLE sensor DROP COLUMN location;')
def v1 = new File(history, 'V0001__initial.sql').text
def v1Checksum = (v1 =~ /-- checksum: (\S+)/)[0][1]
assert v2.contains("-- parent: ${v1Checksum}")

def v3 = new File(history, 'V0003__rename_location.sql').text
assert v3.contains('ALTER TABLE sensor RENAME COLUMN location TO site;')
assert !v3.contains('DROP COLUMN')

def snapshot = new File(history, 'snapshot.driftless').text
assert snapshot.contains('version 3')
assert snapshot.contains('column site "character varying(120)"')

// What each build said (the invocations share one log).
def log = new File(basedir, 'build.log').text
assert log.contains("[DL201] Froze version 1 'initial'")
assert log.contains('[DL200] Draft version 2 (the model differs from frozen version 1)')
assert log.contains('[DL203] The model has changes that are not frozen')
assert log.contains("[DL201] Froze version 2 'add_location'")
assert log.contains('[DL202] Nothing to freeze: the model matches frozen version 2')
assert log.contains("[DL201] Froze version 3 'rename_location'")
assert !log.contains('[DL206]') : 'a declared rename is not reported as a likely one'
return true
