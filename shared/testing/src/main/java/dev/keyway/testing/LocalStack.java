package dev.keyway.testing;

import dev.keyway.provisioning.AwsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * LocalStack in a container, one per JVM, where a Docker engine answers.
 *
 * <p>The image is pinned so results don't change under us. Recent LocalStack images refuse to
 * start without an auth token: export {@code LOCALSTACK_AUTH_TOKEN} and it is passed to the
 * container; without one and with such an image, the container fails to start and says so.
 */
final class LocalStack {

    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.9");
    static final String AUTH_TOKEN = "LOCALSTACK_AUTH_TOKEN";

    private static AwsEndpoint running;

    private LocalStack() {}

    /**
     * Asking Testcontainers costs seconds and logs a page when there is no Docker, so it is
     * asked only when something hints at an engine: DOCKER_HOST, a Testcontainers config or
     * a socket in a usual place.
     */
    static boolean dockerAvailable() {
        if (!dockerHinted()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean dockerHinted() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home");
        String runtimeDir = Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")).orElse("/nonexistent");
        return List.of(
                        Path.of(home, ".testcontainers.properties"),
                        Path.of("/var/run/docker.sock"),
                        Path.of(runtimeDir, "docker.sock"),
                        Path.of(home, ".docker/run/docker.sock"),
                        Path.of(home, ".docker/desktop/docker.sock"),
                        Path.of(home, ".colima/default/docker.sock"),
                        Path.of(home, ".rd/docker.sock"))
                .stream()
                .anyMatch(Files::exists);
    }

    static synchronized AwsEndpoint endpoint() {
        if (running == null) {
            LocalStackContainer container = new LocalStackContainer(IMAGE);
            String token = System.getenv(AUTH_TOKEN);
            if (token != null && !token.isBlank()) {
                container.withEnv(AUTH_TOKEN, token);
            }
            container.start();
            // Testcontainers' reaper would remove it too; this stops it as soon as the JVM ends.
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "keyway-localstack-stop"));
            running = new AwsEndpoint(container.getEndpoint(), container.getRegion(), StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey())));
        }
        return running;
    }
}
