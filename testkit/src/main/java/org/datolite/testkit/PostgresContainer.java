package org.datolite.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers PostgreSQL server, one per JVM. It is never stopped here: Testcontainers'
 * reaper removes it when the JVM exits. Kept apart so that Testcontainers is only loaded when no
 * server is named.
 */
final class PostgresContainer {
  static final String IMAGE = "postgres:16-alpine";

  private PostgresContainer() {}

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  static PostgresServer start() {
    PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE));
    container.start();
    return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
        "Testcontainers " + IMAGE);
  }
}
