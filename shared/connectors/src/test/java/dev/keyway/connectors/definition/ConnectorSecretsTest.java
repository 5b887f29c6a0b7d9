package dev.keyway.connectors.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client secret leaves the parser only in {@link ParsedConnector#clientSecretsByAuthMethodId()}. */
class ConnectorSecretsTest extends ParserFixture {
    @Test
    void definitionJsonAndToString_neverContainTheClientSecret() {
        // GIVEN/WHEN a body with a client secret is parsed
        ParsedConnector parsed = parse(customOAuth("\"scopes\": [\"read\"]"));

        // THEN the secret is only in the separated map
        assertThat(parsed.definition().toString()).doesNotContain(SECRET);
        assertThat(parsed.toString()).doesNotContain(SECRET).contains("oauth");
        assertThat(ConnectorJson.toStorageJson(parsed.definition())).doesNotContain(SECRET).doesNotContain("clientSecret");
        assertThat(ConnectorJson.toResponseJson(parsed.definition(), Set.of("oauth"))).doesNotContain(SECRET);
        assertThat(parsed.clientSecretsByAuthMethodId()).containsEntry("oauth", SECRET);
    }

    @Test
    void storageJson_roundTrips() {
        ConnectorDefinition d = parse(customWith("""
                {"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s", "scopes": ["a"],
                 "authorizationUrl": "https://acme.example/a", "tokenUrl": "https://acme.example/t",
                 "revocationUrl": "https://acme.example/r", "authorizationParams": {"audience": "x"}},
                {"id": "key", "type": "API_KEY", "inject": {"in": "query", "name": "k"}, "labels": {"apiKey": "Key"}},
                {"id": "basic", "type": "BASIC"}""".formatted(SECRET))).definition();

        assertThat(ConnectorJson.fromStorageJson(ConnectorJson.toStorageJson(d))).isEqualTo(d);

        ConnectorDefinition catalogBacked = parser.parse("z", """
                {"provider": "zendesk", "authMethods": [{"id": "o", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s"}]}"""
                .formatted(SECRET), false).definition();
        assertThat(ConnectorJson.fromStorageJson(ConnectorJson.toStorageJson(catalogBacked))).isEqualTo(catalogBacked);
    }

    @Test
    void responseJson_saysWhetherASecretIsSet_insteadOfShowingIt() throws Exception {
        // GIVEN a connector with an OAUTH2 and a BASIC auth method
        ConnectorDefinition d = parse(customWith("""
                {"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s",
                 "authorizationUrl": "https://acme.example/a", "tokenUrl": "https://acme.example/t"},
                {"id": "basic", "type": "BASIC"}""".formatted(SECRET))).definition();

        // WHEN the response is written for a caller that holds a secret for "oauth" only
        var json = Json.mapper().readTree(ConnectorJson.toResponseJson(d, Set.of("oauth")));

        // THEN each auth method says whether its secret is set, and none shows it
        assertThat(json.at("/authMethods/0/clientSecretSet").asBoolean()).isTrue();
        assertThat(json.at("/authMethods/1/clientSecretSet").isBoolean()).isTrue();
        assertThat(json.at("/authMethods/1/clientSecretSet").asBoolean()).isFalse();
        assertThat(json.at("/authMethods/0/clientSecret").isMissingNode()).isTrue();
        assertThat(json.at("/key").asText()).isEqualTo("acme-crm");
        assertThat(json.has("customProvider")).as("helper methods are not serialised").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"provider\": \"nope\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\"}]}",
            "{\"provider\": \"custom\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"tokenUrl\": \"https://x.example\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\"}, {\"id\": \"o\", \"type\": \"API_KEY\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"SECRET \", \"clientSecret\": \"SECRET\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"scopes\": [\"SECRET SECRET\"]}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"scopes\": \"SECRET\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"pkce\": \"SECRET\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"SECRET\", \"clientSecret\": \"SECRET\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"SECRET\": 1}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"authorizationParams\": {\"state\": \"SECRET\"}}]}",
            "{\"provider\": \"custom\", \"displayName\": \"A\", \"baseUrl\": \"https://u:SECRET@api.example\", \"authMethods\": [{\"id\": \"o\", \"type\": \"BASIC\"}]}",
            "{\"provider\": \"custom\", \"displayName\": \"A\", \"baseUrl\": \"https://api.example/SECRET#SECRET\", \"authMethods\": [{\"id\": \"o\", \"type\": \"BASIC\"}]}",
            "{\"provider\": \"custom\", \"displayName\": \"A\", \"baseUrl\": \"http://api.example/SECRET\", \"authMethods\": [{\"id\": \"o\", \"type\": \"BASIC\"}]}",
            "{\"provider\": \"custom\", \"displayName\": \"A\", \"baseUrl\": \"https://api.example\", \"authMethods\": [{\"id\": \"o\", \"type\": \"API_KEY\", \"clientSecret\": \"SECRET\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"clientSecret\": \"SECRET\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\"",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\"}]} \"SECRET\"",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": [\"SECRET\"]}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"inject\": {\"in\": \"SECRET\", \"name\": \"SECRET\"}}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\", \"inject\": {\"name\": \"Authorization\", \"prefix\": \"SECRET\\u0000\"}}]}",
            "{\"provider\": \"github\", \"displayName\": \"SECRET\\u0007\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\"}]}",
            "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"SECRET\\u0001\"}]}"
    })
    void validationErrors_neverRepeatTheClientSecret(String template) {
        String body = template.replace("SECRET", SECRET);
        assertThatThrownBy(() -> parser.parse("acme-crm", body, false))
                .isInstanceOf(KeywayException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("Cl1entS3cret"))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }
}
