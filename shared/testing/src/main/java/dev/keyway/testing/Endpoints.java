package dev.keyway.testing;

import dev.keyway.core.KeywayConfig;
import dev.keyway.provisioning.AwsEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the AWS-compatible endpoint for this JVM's tests:
 * <ol>
 *   <li>{@code KEYWAY_AWS_ENDPOINT} (system property or environment), if set: a server someone
 *       already runs, e.g. {@code infra/local-aws start} or LocalStack;</li>
 *   <li>LocalStack through Testcontainers, if a Docker engine answers;</li>
 *   <li>moto's server from the project venv, started here.</li>
 * </ol>
 * {@code KEYWAY_LOCAL_AWS=moto} or {@code =localstack} skips the choice (e.g. moto on a machine
 * with Docker, to match CI).
 */
public final class Endpoints {

    static final String FORCE = "KEYWAY_LOCAL_AWS";

    private Endpoints() {}

    /** The endpoint tests (and the bench) use; a moto server started here stops when the JVM exits. */
    public static AwsEndpoint choose(Path repoRoot) {
        String region = KeywayConfig.setting("AWS_REGION").orElse(AwsEndpoint.DEFAULT_REGION);
        Optional<String> configured = KeywayConfig.setting(KeywayConfig.AWS_ENDPOINT);
        if (configured.isPresent()) {
            return AwsEndpoint.local(URI.create(configured.get()), region);
        }
        String forced = KeywayConfig.setting(FORCE).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        return switch (forced) {
            case "moto" -> AwsEndpoint.local(MotoServer.url(repoRoot), region);
            case "localstack" -> LocalStack.endpoint();
            case "" -> LocalStack.dockerAvailable()
                    ? LocalStack.endpoint()
                    : AwsEndpoint.local(MotoServer.url(repoRoot), region);
            default -> throw new IllegalArgumentException(FORCE + " must be moto or localstack, not " + forced);
        };
    }
}
