package dev.keyway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenMacsTest {
    private static final byte[] K1 = new byte[32];
    private static final byte[] K2 = new byte[32];

    static {
        K1[0] = 1;
        K2[0] = 2;
    }

    @Test
    void mac_whenTokenIsTheSame_thenMatchesAndOtherTokensDoNot() {
        var macs = new TokenMacs(new InMemoryKeySetSource(KeySet.of("k1", Map.of("k1", K1))), "mcp-server");
        TokenMacs.TokenMac mac = macs.mac("token-a");
        assertThat(mac.keyId()).isEqualTo("k1");
        assertThat(mac.hex()).hasSize(64).doesNotContain("token-a");
        assertThat(macs.matches("token-a", mac)).isTrue();
        assertThat(macs.matches("token-b", mac)).isFalse();
        assertThat(macs.matches("token-a", new TokenMacs.TokenMac("k1", "zz"))).isFalse();
        assertThat(macs.matches("token-a", new TokenMacs.TokenMac("k9", mac.hex()))).isFalse();
    }

    @Test
    void mac_whenPurposeOrKeyDiffers_thenTheMacDiffers() {
        var source = new InMemoryKeySetSource(KeySet.of("k1", Map.of("k1", K1)));
        var mcp = new TokenMacs(source, "mcp-server");
        var other = new TokenMacs(source, "other");
        var underK2 = new TokenMacs(new InMemoryKeySetSource(KeySet.of("k2", Map.of("k2", K2))), "mcp-server");
        assertThat(mcp.mac("t").hex()).isNotEqualTo(other.mac("t").hex()).isNotEqualTo(underK2.mac("t").hex());
    }

    @Test
    void matches_afterARotation_thenAMacUnderTheOldKeyStillMatches() {
        var source = new InMemoryKeySetSource(KeySet.of("k1", Map.of("k1", K1)));
        var before = new TokenMacs(source, "mcp-server").mac("t");
        source.save(KeySet.of("k2", Map.of("k1", K1, "k2", K2)));
        var after = new TokenMacs(source, "mcp-server");
        assertThat(after.mac("t").keyId()).isEqualTo("k2");
        assertThat(after.matches("t", before)).isTrue();
    }
}
