package dev.keyway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.apps.AppKeyAuthenticator;
import dev.keyway.apps.AppRepository;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** bin/keyway's app and key commands, run in-process against the real local endpoint. */
@ExtendWith(LocalAwsExtension.class)
class AdminCliTest {

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(KeywayCli.run(args)).as("exit code of keyway " + String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String field(String output, String label) {
        Matcher m = Pattern.compile(label + ":\\s+(\\S+)").matcher(output);
        assertThat(m.find()).as(label + " in output:\n" + output).isTrue();
        return m.group(1);
    }

    @Test
    void appsCreate_keysCreateRevoke_workEndToEnd(LocalAws aws) {
        var authenticator = new AppKeyAuthenticator(
                new AppRepository(new KeywayTable(aws.dynamoDb(), aws.config().tableName())));

        String created = run("apps", "create", "--name", "CLI app");
        String appId = field(created, "app");
        String firstKey = field(created, "secret key");
        assertThat(authenticator.authenticate(Optional.of("Bearer " + firstKey)).appId()).isEqualTo(appId);

        String second = run("keys", "create", "--app", appId);
        String secondKeyId = field(second, "key id");
        String secondKey = field(second, "secret key");

        String listing = run("keys", "list", "--app", appId);
        assertThat(listing).contains(secondKeyId).doesNotContain(secondKey).doesNotContain(firstKey);

        run("keys", "revoke", "--app", appId, "--key", secondKeyId);
        assertThat(authenticator.authenticate(Optional.of("Bearer " + secondKey)).failure())
                .isEqualTo(AppKeyAuthenticator.Failure.REVOKED);
        assertThat(authenticator.authenticate(Optional.of("Bearer " + firstKey)).authenticated()).isTrue();
    }

    @Test
    void unknownApp_exitsNonZeroWithAClearMessage() {
        assertThat(KeywayCli.run("keys", "create", "--app", "app_nope")).isEqualTo(1);
    }

    @Test
    void localApps_getTestKeys() {
        assertThat(field(run("apps", "create", "--name", "Local", "--local"), "secret key")).startsWith("sk_test_");
    }
}
