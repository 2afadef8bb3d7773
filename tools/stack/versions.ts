/**
 * Pinned versions of what the local stack runs. Kafka's version lives in stack/java/pom.xml (the
 * classpath manifest); docker-compose.yml uses the same versions (checked by a unit test).
 */
export const VERSIONS = {
  /** Debezium 3.6.1 is built against Kafka 4.3.0; every Debezium module at one version. */
  debezium: '3.6.1.Final',
  /** Apicurio Registry 3 (Confluent-compatible ccompat API); needs Java 21+. */
  apicurioRegistry: '3.3.3',
  /** FerretDB 1.x, the last line that embeds as a Go library (PostgreSQL backend without the DocumentDB extension). */
  ferretdb: 'v1.24.2',
  postgres: '15',
  mariadb: '10.11',
} as const;

export const MAVEN_DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export const ARCHIVES = {
  debeziumPostgres: `io.debezium:debezium-connector-postgres:${VERSIONS.debezium}:tar.gz:plugin`,
  // Maven Central has no MariaDB connector archive (nor jar) for Debezium 3.x; the Debezium Server
  // distribution there carries the MariaDB connector jar and its JDBC driver, and the MySQL plug-in
  // carries the shared binlog jars. The stack assembles a MariaDB plug-in folder from the two.
  debeziumMysql: `io.debezium:debezium-connector-mysql:${VERSIONS.debezium}:tar.gz:plugin`,
  debeziumServer: `io.debezium:debezium-server-dist:${VERSIONS.debezium}:tar.gz`,
  apicurioRegistry: `io.apicurio:apicurio-registry-app:${VERSIONS.apicurioRegistry}:tar.gz:all`,
} as const;
