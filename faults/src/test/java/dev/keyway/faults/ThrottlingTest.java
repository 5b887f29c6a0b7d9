package dev.keyway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.KeywayConfig;
import dev.keyway.local.LocalRunner;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DynamoDB throttling, which Toxiproxy (bytes, not HTTP) cannot forge: {@link ThrottlingEndpoint}
 * answers DynamoDB requests with DynamoDB's own {@code ProvisionedThroughputExceededException} and
 * {@code ThrottlingException} bodies. A short burst is absorbed by the SDK's retries (the caller
 * sees nothing); sustained throttling is a retryable 503; nothing is half-written; the same call
 * works once it stops.
 */
@ExtendWith(LocalAwsExtension.class)
class ThrottlingTest {
    private static ThrottlingEndpoint throttling;
    private static LocalRunner runner;
    private static String realEndpoint;
    private static Api api;

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        throttling = new ThrottlingEndpoint(aws.endpoint());
        realEndpoint = System.getProperty(KeywayConfig.AWS_ENDPOINT);
        System.setProperty(KeywayConfig.AWS_ENDPOINT, throttling.url().toString());
        runner = LocalRunner.start(aws.stack(), 0);
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        api = new Api(runner, admin.createKey(admin.createApp("Throttling", true, "test").id(), "test").secretKey());
        api.putApiKeyConnector();
    }

    @AfterAll
    static void stop() throws Exception {
        Api.stopRunner(runner, realEndpoint);
        Api.close(throttling);
    }

    @AfterEach
    void stopThrottling() {
        throttling.stop();
        throttling.takeThrottledCount();
    }

    @Test
    void aShortBurstOfProvisionedThroughputExceeded_isAbsorbedBySdkRetries() throws Exception {
        String user = "burst-" + UUID.randomUUID();
        throttling.throttle(ThrottlingEndpoint.Error.PROVISIONED_THROUGHPUT_EXCEEDED, 2);

        var imported = api.importApiKey(user, "ref-1");

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(throttling.takeThrottledCount()).as("requests the SDK retried").isEqualTo(2);
        api.assertExactlyOneAccountWithItsImportEntry(user);
    }

    @Test
    void sustainedThrottlingException_is503_andTheRetryAfterwardsStoresOneAccount() throws Exception {
        sustained(ThrottlingEndpoint.Error.THROTTLING);
    }

    @Test
    void sustainedProvisionedThroughputExceeded_is503_andTheRetryAfterwardsStoresOneAccount() throws Exception {
        sustained(ThrottlingEndpoint.Error.PROVISIONED_THROUGHPUT_EXCEEDED);
    }

    private static void sustained(ThrottlingEndpoint.Error error) throws Exception {
        String user = "throttled-" + UUID.randomUUID();
        throttling.throttle(error, Integer.MAX_VALUE);

        Api.assertRetryable503(api.importApiKey(user, "ref-1"));
        Api.assertRetryable503(api.call("GET", "/v1/linked-accounts?endUserId=" + user, null));
        assertThat(throttling.takeThrottledCount()).as("the SDK retried before giving up").isGreaterThan(2);

        throttling.stop();
        var retried = api.importApiKey(user, "ref-1");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        api.assertExactlyOneAccountWithItsImportEntry(user);
    }
}
