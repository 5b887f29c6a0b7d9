package dev.keyway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretProvisionerTest {

    private static final Pattern KEY_SET = Pattern.compile("\\{\"primary\":\"k1\",\"keys\":\\{\"k1\":\"([A-Za-z0-9+/=]+)\"}}");

    @Test
    void initialKeySet_holdsOneFresh256BitPrimaryKey() {
        Matcher first = KEY_SET.matcher(SecretProvisioner.initialKeySet());
        Matcher second = KEY_SET.matcher(SecretProvisioner.initialKeySet());

        assertThat(first.matches()).isTrue();
        assertThat(second.matches()).isTrue();
        assertThat(Base64.getDecoder().decode(first.group(1))).hasSize(32);
        assertThat(first.group(1)).isNotEqualTo(second.group(1));
    }
}
