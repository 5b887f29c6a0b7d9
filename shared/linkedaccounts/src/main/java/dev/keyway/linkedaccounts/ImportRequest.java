package dev.keyway.linkedaccounts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The body of {@code POST /v1/linked-accounts/import}, as sent; {@link ImportParser} validates it. */
record ImportRequest(
        String connector,
        String authMethod,
        String endUserId,
        String externalRef,
        JsonNode credentials,
        Map<String, String> connectionConfig,
        Boolean verify) {

    @Override
    public String toString() {
        return "ImportRequest[" + connector + "/" + authMethod + ", endUserId=" + endUserId + "]";
    }
}
