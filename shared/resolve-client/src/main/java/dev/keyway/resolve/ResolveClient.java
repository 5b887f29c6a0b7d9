package dev.keyway.resolve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;

/**
 * How connectors and workflows get a linked account's credentials: a Lambda Invoke of Keyway's
 * resolve function (IAM decides who may), never an HTTP call.
 *
 * <pre>{@code
 * var keyway = ResolveClient.lambda(LambdaClient.create(), System.getenv("KEYWAY_RESOLVE_FUNCTION"));
 * var creds = keyway.resolve(appId, linkedAccountId);
 * request.header(creds.apply().name(), creds.apply().value());
 * }</pre>
 */
public final class ResolveClient {
    /** Sends the request JSON to resolve and returns its JSON answer. */
    @FunctionalInterface
    public interface Transport {
        byte[] invoke(byte[] request);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Transport transport;

    public ResolveClient(Transport transport) {
        this.transport = transport;
    }

    /** Invokes the resolve function (its ARN, alias ARN or name) with the given client. */
    public static ResolveClient lambda(LambdaClient lambda, String functionName) {
        return new ResolveClient(request -> {
            var response = lambda.invoke(InvokeRequest.builder()
                    .functionName(functionName).payload(SdkBytes.fromByteArray(request)).build());
            if (response.functionError() != null) {
                throw new ResolveException.Unavailable(502, "resolve_function_error",
                        "the resolve function failed (" + response.functionError() + "); retry with backoff");
            }
            return response.payload().asByteArray();
        });
    }

    public ResolvedCredentials resolve(String appId, String linkedAccountId) {
        return call(Map.of("appId", appId, "linkedAccountId", linkedAccountId));
    }

    /** The end user's one linked account for a connector; refused when there are several. */
    public ResolvedCredentials resolveFor(String appId, String endUserId, String connector) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("appId", appId);
        request.put("endUserId", endUserId);
        request.put("connector", connector);
        return call(request);
    }

    private ResolvedCredentials call(Map<String, String> request) {
        try {
            JsonNode answer = JSON.readTree(transport.invoke(JSON.writeValueAsBytes(request)));
            JsonNode error = answer.get("error");
            if (error != null && error.isObject()) {
                throw ResolveException.of(error.path("status").asInt(500), error.path("code").asText("error"),
                        error.path("message").asText(""));
            }
            return JSON.treeToValue(answer, ResolvedCredentials.class);
        } catch (IOException e) {
            throw new UncheckedIOException("resolve answered something that is not its JSON", e);
        }
    }
}
