// Writes the project's pom from the README's snippet, verbatim, and gives the goals a database.
import dev.driftless.testing.PostgresFixture

def marker = '<!-- pom snippet: built verbatim by src/it/maven-goals -->'
File readme = null
for (def dir = basedir.canonicalFile; dir != null; dir = dir.parentFile) {
    def candidate = new File(dir, 'README.md')
    if (candidate.isFile() && candidate.text.contains(marker)) {
        readme = candidate
        break
    }
}
assert readme != null : "no README.md with the marker ${marker} above ${basedir}"
def after = readme.text.substring(readme.text.indexOf(marker) + marker.length())
def fence = after =~ /(?s)\A\s*```xml\n(.*?)\n```/
assert fence.find() : 'the marker must stand right above the ```xml block of the pom snippet'
def snippet = fence.group(1)

new File(basedir, 'pom.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
<modelVersion>4.0.0</modelVersion>
<groupId>org.example</groupId>
<artifactId>shop</artifactId>
<version>1.0</version>
<packaging>jar</packaging>
<!-- the README's snippet, verbatim -->
${snippet}
</project>
"""

def db = PostgresFixture.shared().createDatabase()
context.put('db', db)
// tenant_b already has the table version 1 creates, so its migration fails.
db.execute('create schema tenant_b', 'create table tenant_b.product (id int)')
new File(basedir, 'tenants.txt').text = '# the tenants of goal 8\ntenant_a\ntenant_b\ntenant_c\n'
// Every build of the scenario connects to it, as a user's -Ddriftless.url would.
def config = new File(basedir, '.mvn/maven.config')
config.parentFile.mkdirs()
config.text = "-Ddriftless.url=${db.jdbcUrl()}\n"
return true
