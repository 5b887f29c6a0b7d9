package dev.keyway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTokensTest {
    @Test
    void generate_thenTheTokenNamesItsServerAndCarries256RandomBits() {
        String id = McpServerIds.generate();
        String token = ServerTokens.generate(id);
        assertThat(token).matches("mcps_[a-z2-7]{78}");
        // 52 base32 characters after the id's 26: 260 bits of text for 256 random bits.
        assertThat(token.length() - ServerTokens.PREFIX.length() - ServerTokens.ID_CHARS).isEqualTo(52);
        assertThat(ServerTokens.serverId(token)).contains(id);
        assertThat(ServerTokens.generate(id)).isNotEqualTo(token);
    }

    @Test
    void serverId_whenMalformed_thenEmptyBeforeAnyLookup() {
        assertThat(ServerTokens.serverId(null)).isEmpty();
        assertThat(ServerTokens.serverId("mcps_short")).isEmpty();
        assertThat(ServerTokens.serverId("mcps_" + "A".repeat(78))).isEmpty();
        assertThat(ServerTokens.serverId("sk_live_" + "a".repeat(52))).isEmpty();
    }
}
