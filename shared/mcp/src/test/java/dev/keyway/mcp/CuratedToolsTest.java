package dev.keyway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.connectors.catalog.McpToolTemplate;
import dev.keyway.connectors.catalog.Provider;
import dev.keyway.connectors.catalog.ProviderCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The curated tools shipped in providers.json, and how their calls are built. */
class CuratedToolsTest {
    private static final ProviderCatalog CATALOG = ProviderCatalog.shipped();

    @Test
    void shippedTemplates_areWellFormed() {
        List<McpToolTemplate> all = CATALOG.all().stream().flatMap(p -> p.mcpTools().stream()).toList();
        assertThat(all).extracting(McpToolTemplate::name).contains("list_repositories", "post_message");
        for (McpToolTemplate t : all) {
            assertThat(t.name()).as("MCP tool names (SEP-986), leaving room for the connector key").matches("[a-z0-9_]{1,60}");
            assertThat(ToolRequest.METHODS).contains(t.method());
            assertThat(t.path()).startsWith("/");
            assertThat(t.arguments().values()).allMatch(where -> where.equals("query") || where.equals("body"));
            assertThat(t.arguments().keySet()).containsAll(t.required());
            assertThat(t.description()).isNotBlank();
        }
    }

    @Test
    void fromTemplate_thenFixedAndGivenQueryAndABodyOfTheBodyArguments() {
        McpToolTemplate repos = template("github", "list_repositories");
        var list = ToolRequest.fromTemplate("gh", repos, Map.of("page", "2"));
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.rawPath()).isEqualTo("user/repos");
        assertThat(list.rawQuery()).isEqualTo("sort=updated&per_page=30&page=2");
        assertThat(list.body()).isEmpty();

        var post = ToolRequest.fromTemplate("team-slack", template("slack", "post_message"),
                Map.of("channel", "C1", "text", "hi \"there\""));
        assertThat(post.rawPath()).isEqualTo("chat.postMessage");
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo("{\"channel\":\"C1\",\"text\":\"hi \\\"there\\\"\"}");
    }

    @Test
    void fromTemplate_whenArgumentsAreWrong_thenInvalidArguments() {
        McpToolTemplate post = template("slack", "post_message");
        for (Map<String, Object> args : List.<Map<String, Object>>of(Map.of("channel", "C1"),
                Map.of("channel", "C1", "text", 5), Map.of("channel", "C1", "text", "x", "token", "xoxb"))) {
            assertThatThrownBy(() -> ToolRequest.fromTemplate("slack", post, args)).as(args.toString())
                    .isInstanceOf(ToolRequest.InvalidArguments.class);
        }
    }

    private static McpToolTemplate template(String provider, String name) {
        return CATALOG.find(provider).map(Provider::mcpTools).orElseThrow().stream()
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
