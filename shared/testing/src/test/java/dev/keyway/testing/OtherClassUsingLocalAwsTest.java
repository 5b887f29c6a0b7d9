package dev.keyway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A second class in the same JVM: it must get the same endpoint, not a second server. */
@ExtendWith(LocalAwsExtension.class)
class OtherClassUsingLocalAwsTest {

    private final LocalAws aws;

    OtherClassUsingLocalAwsTest(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void constructorInjection_getsTheSharedInstance() {
        assertThat(aws).isSameAs(FirstSeen.localAws(aws));
        assertThat(aws.endpoint()).hasToString(System.getProperty("KEYWAY_AWS_ENDPOINT"));
    }
}
