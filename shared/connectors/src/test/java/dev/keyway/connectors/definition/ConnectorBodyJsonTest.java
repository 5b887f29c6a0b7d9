package dev.keyway.connectors.definition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** What is wrong with a body as JSON, said without a stack trace and without repeating the body. */
class ConnectorBodyJsonTest extends ParserFixture {
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void emptyBody_isRejected(String body) {
        rejects(body).hasMessage("request body is empty; expected a JSON object");
    }

    @Test
    void malformedJson_isRejectedWithItsLocationButWithoutEchoingTheBody() {
        String body = "{\"provider\": \"custom\", \"authMethods\": [{\"clientSecret\": \"" + SECRET + "\" ";
        rejects(body).hasMessageStartingWith("request body is not valid JSON");
        rejects("{\"provider\": 'custom'}").hasMessage("request body is not valid JSON (line 1, column 14)");
    }

    @Test
    void textAfterTheObject_isRejected() {
        rejects(customOAuth("") + " {\"clientSecret\": \"" + SECRET + "\"}")
                .hasMessage("request body is not valid JSON: nothing may follow the object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"custom\"", "42", "null", "true"})
    void nonObjectBody_isRejected(String body) {
        rejects(body).hasMessage("request body must be a JSON object");
    }

    @Test
    void bodyOver64KiB_isRejected() {
        rejects(customOAuth("\"scopes\": [\"" + "x".repeat(70_000) + "\"]")).hasMessage("request body is larger than 64 KiB");
    }

    @Test
    void deeplyNestedBody_isRejectedAtTheFirstWrongToken() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        rejects("{\"provider\": " + deep + "}").hasMessage("provider: expected a string");
        rejects(deep).hasMessageStartingWith("request body");
    }

    @Test
    void unknownTopLevelField_isNamed() {
        rejects("{\"provider\": \"custom\", \"colour\": \"red\"}").hasMessage("unknown field 'colour'");
    }

    @Test
    void unknownNestedField_isNamedWithItsPath() {
        rejects(customOAuth("\"inject\": {\"header\": \"Authorization\"}"))
                .hasMessage("authMethods[0].inject: unknown field 'header'");
        rejects(customOAuth("\"client_secret\": \"" + SECRET + "\""))
                .hasMessage("authMethods[0]: unknown field 'client_secret'");
    }

    @Test
    void duplicateJsonField_isRejected() {
        rejects(customOAuth("\"clientSecret\": \"" + SECRET + "2\""))
                .hasMessage("authMethods[0]: duplicate field 'clientSecret'");
    }

    @Test
    void wrongJsonTypes_areNamedWithoutEchoingTheValue() {
        rejects(customOAuth("\"scopes\": \"read\"")).hasMessage("authMethods[0].scopes: expected an array");
        rejects(customOAuth("\"pkce\": \"yes\"")).hasMessage("authMethods[0].pkce: expected true or false");
        rejects(customOAuth("\"inject\": \"header\"")).hasMessage("authMethods[0].inject: expected an object");
        rejects(customOAuth("\"authorizationParams\": {\"audience\": 42}"))
                .hasMessage("authMethods[0].authorizationParams.audience: expected a string");
        rejects("{\"provider\": \"custom\", \"displayName\": 7}").hasMessage("displayName: expected a string");
        rejects("{\"provider\": \"custom\", \"authMethods\": {\"id\": \"x\"}}").hasMessage("authMethods: expected an array");
        rejects(customWith("{\"id\": \"oauth\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": {\"value\": \""
                + SECRET + "\"}}")).hasMessage("authMethods[0].clientSecret: expected a string");
    }
}
