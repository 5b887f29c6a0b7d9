package dev.keyway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolRequestTest {
    @Test
    void parse_whenValid_thenARelativePathAnEncodedQueryAndAJsonBody() {
        var request = ToolRequest.parse("github", Map.of("method", "post", "path", "/repos/a%20b/issues",
                "query", Map.of("q", "x&y", "n", 2), "body", Map.of("title", "hi")));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("repos/a%20b/issues");
        assertThat(request.rawQuery()).contains("q=x%26y").contains("n=2");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"hi\"}");
    }

    @Test
    void parse_whenArgumentsAreWrong_thenAMessageNamingTheArgument() {
        List<Map<String, Object>> wrong = List.of(Map.of(), Map.of("path", 1), Map.of("path", "/x", "method", 3),
                Map.of("path", "/x", "method", "TRACE"), Map.of("path", "/x", "query", List.of("a")),
                Map.of("path", "/x", "query", Map.of("a", Map.of())), Map.of("path", "/x", "body", Map.of("a", 1)),
                Map.of("path", "/../admin"), Map.of("path", "/a/%2e%2e/b"), Map.of("path", "//evil.example/x"),
                Map.of("path", "/x?y=1"), Map.of("path", "/x", "headers", Map.of("Authorization", "Bearer mine")));
        for (Map<String, Object> args : wrong) {
            assertThatThrownBy(() -> ToolRequest.parse("github", args)).as(args.toString())
                    .isInstanceOf(ToolRequest.InvalidArguments.class);
        }
    }

    @Test
    void parse_thenQueryAndBodyAreEncoded() {
        var request = ToolRequest.parse("github", Map.of("method", "PUT", "path", "user/repos",
                "query", Map.of("q", "a b&c"), "body", List.of(1, 2)));
        assertThat(request.rawPath()).isEqualTo("user/repos");
        assertThat(request.rawQuery()).isEqualTo("q=a%20b%26c");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }
}
