package dev.keyway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "224.0.0.1",
            "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.0.1",
            "::1", "::", "fc00::1", "fd00:ec2::254", "fe80::1", "fec0::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1",
            "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:a9fe:a9fe::", "2001:db8::1"})
    void refuses_nonPublicAddresses(String literal) throws Exception {
        assertThat(HostGuard.refused(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "172.15.255.255", "169.253.1.1",
            "2606:4700:4700::1111", "2a00:1450:4001::1", "64:ff9b::808:808", "2002:808:808::"})
    void allows_publicAddresses(String literal) throws Exception {
        assertThat(HostGuard.refused(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @Test
    void check_refusesAHostNameThatResolvesToLoopback() {
        assertThatThrownBy(() -> HostGuard.check("localhost"))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("upstream_address_refused");
                });
    }

    @Test
    void check_bracketedIpv6Literal_isRefused() {
        assertThatThrownBy(() -> HostGuard.check("[::1]")).isInstanceOf(KeywayException.class);
    }

    @Test
    void check_nameThatDoesNotResolve_is502() {
        assertThatThrownBy(() -> HostGuard.check("does-not-exist.invalid"))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.code()).isEqualTo("upstream_unreachable"));
    }
}
