package dev.keyway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAppTest {

    @Test
    void rewrite_putsTheBenchAppAndKeyInPlaceOfTheSamplePlaceholders(@TempDir Path dir) throws Exception {
        String key = "sk_test_" + "b".repeat(52);
        Path sample = Files.writeString(dir.resolve("authorizer.json"), """
                {"headers": {"authorization": "Bearer sk_test_%s"},
                 "requestContext": {"authorizer": {"lambda": {"appId": "app_demo", "keyId": "key_demo"}}},
                 "rawPath": "/v1/connectors/app_demo_is_not_a_whole_value", "la": "/v1/linked-accounts/la_sample"}
                """.formatted("a".repeat(52)));

        Path copy = new DemoApp("app_bench", "key_bench", key).rewrite(sample, dir.resolve("out"),
                java.util.Map.of("la_sample", "la_real"));

        assertThat(Files.readString(copy))
                .contains("\"Bearer " + key + "\"", "\"appId\": \"app_bench\"", "\"keyId\": \"key_bench\"")
                .contains("app_demo_is_not_a_whole_value", "/v1/linked-accounts/la_real")
                .doesNotContain("sk_test_aaaa");
        assertThat(Files.readString(sample)).contains("app_demo");
    }
}
