package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.provisioning.Template;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * schemathesis (PyPI, in the project venv; bin/test installs it) generates requests from
 * docs/openapi.yaml and sends them to the local runner, once with a valid app key and once with
 * none. A run passes when no answer is a 5xx, every status and content type is one the contract
 * documents, and every body matches its documented schema (errors included: Keyway's
 * {@code {"error":{"code","message"}}}). The checks schemathesis leaves out here, and why, are in
 * docs/performance.md ("API fuzzing").
 */
@ExtendWith(LocalAwsExtension.class)
class ApiFuzzTest {
    private static final Path ROOT = Template.locate().getParent();
    private static final String CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,"
            + "response_schema_conformance";
    /** Examples per operation and phase: about a thousand requests a run, well under a minute on 2 cores. */
    private static final String MAX_EXAMPLES = "15";

    private static LocalRunner runner;
    private static String key;

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        runner = LocalRunner.start(aws.stack(), 0);
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        var app = admin.createApp("Fuzz target", true, "test");
        key = admin.createKey(app.id(), "test").secretKey();
        // Data for the generated requests to meet: a connector, and an account under it.
        send("PUT", "/v1/connectors/acme-crm", """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "https://api.acme.example",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}}]}""");
        send("POST", "/v1/linked-accounts/import", """
                {"connector": "acme-crm", "authMethod": "key", "endUserId": "u-1", "externalRef": "fuzz-1",
                 "credentials": {"apiKey": "fuzz-canary-api-key"}}""");
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void withAValidAppKey_theApiKeepsItsContract() throws Exception {
        assertPasses(List.of("-H", "Authorization: Bearer " + key));
    }

    @Test
    void withNoAppKey_theApiKeepsItsContract() throws Exception {
        assertPasses(List.of());
    }

    private static void assertPasses(List<String> auth) throws Exception {
        Path st = ROOT.resolve(".venv/bin/st");
        assertThat(st).as("schemathesis in the project venv: bin/test installs it (keyway_ensure_fuzz_tools in infra/lib.sh)")
                .isExecutable();
        List<String> command = new ArrayList<>(List.of(st.toString(), "run", ROOT.resolve("docs/openapi.yaml").toString(),
                "--url", runner.baseUrl(), "--checks", CHECKS, "--max-examples", MAX_EXAMPLES,
                "--request-timeout", "20", "--no-color"));
        command.addAll(auth);
        Path log = Files.createTempFile("keyway-schemathesis-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(Files.createTempDirectory("keyway-schemathesis-").toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        // The whole report on failure: each finding comes with its curl line and `st replay` id.
        assertThat(finished && process.exitValue() == 0).as("schemathesis (%s):%n%s", log, output).isTrue();
    }

    private static void send(String method, String path, String body) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").header("authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
    }
}
