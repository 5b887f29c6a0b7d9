package dev.keyway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.crypto.KeySet;
import dev.keyway.crypto.TokenMacs;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSessionsTest {
    private static final byte[] K1 = new byte[32];
    private static final byte[] K2 = new byte[32];

    static {
        K2[0] = 1;
    }

    private final ClientSessions sessions = sessions("k1", K1);
    private final String server = McpServerIds.generate();

    @Test
    void issue_thenOnlyThisServerReadsBackWhatTheClientDeclared() {
        String url = sessions.issue(server, new ClientSessions.Declared(true));
        String none = sessions.issue(server, ClientSessions.Declared.NOTHING);
        assertThat(url).matches("ks1\\.url\\.[a-z2-7]{26}\\.k1\\.[0-9a-f]{64}");
        assertThat(sessions.verify(server, url)).contains(new ClientSessions.Declared(true));
        assertThat(sessions.verify(server, none)).contains(ClientSessions.Declared.NOTHING);
        assertThat(sessions.issue(server, ClientSessions.Declared.NOTHING)).isNotEqualTo(none);

        assertThat(sessions.verify(McpServerIds.generate(), url)).as("another server's id").isEmpty();
        assertThat(sessions.verify(server, none.replace("ks1.none.", "ks1.url."))).as("edited to claim it").isEmpty();
        assertThat(sessions("k1", K2).verify(server, url)).as("another key").isEmpty();
        assertThat(sessions.verify(server, null)).isEmpty();
        assertThat(sessions.verify(server, "a-uuid-from-some-other-server")).isEmpty();
        assertThat(sessions.verify(server, url + "0")).isEmpty();
    }

    @Test
    void declared_urlElicitationOnlyWithTheCapabilityAndProtocol2025_11_25() {
        var url = new McpSchema.ClientCapabilities.Elicitation(null, new McpSchema.ClientCapabilities.Elicitation.Url());
        var withUrl = new McpSchema.ClientCapabilities(null, null, null, url);
        assertThat(declared(withUrl, "2025-11-25").urlElicitation()).isTrue();
        assertThat(declared(withUrl, "2025-06-18").urlElicitation()).as("no -32042 before 2025-11-25").isFalse();
        var formOnly = new McpSchema.ClientCapabilities(null, null, null, new McpSchema.ClientCapabilities.Elicitation());
        assertThat(declared(formOnly, "2025-11-25").urlElicitation()).isFalse();
        assertThat(declared(new McpSchema.ClientCapabilities(null, null, null, null), "2025-11-25").urlElicitation())
                .isFalse();
    }

    private static ClientSessions.Declared declared(McpSchema.ClientCapabilities capabilities, String version) {
        var request = new McpSchema.InitializeRequest(version, capabilities, new McpSchema.Implementation("c", "1"));
        var result = new McpSchema.InitializeResult(version, McpSchema.ServerCapabilities.builder().build(),
                new McpSchema.Implementation("keyway", "1"), null);
        return ClientSessions.Declared.of(request, result);
    }

    private static ClientSessions sessions(String keyId, byte[] key) {
        KeySet keys = KeySet.of(keyId, Map.of(keyId, key));
        return new ClientSessions(new TokenMacs(() -> keys, "mcp-session-id"));
    }
}
