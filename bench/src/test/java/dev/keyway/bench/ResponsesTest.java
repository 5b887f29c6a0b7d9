package dev.keyway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponsesTest {

    @Test
    void problem_ofAnHttpSuccess_isNone() {
        assertThat(Responses.problem("{\"statusCode\":200,\"body\":\"{\\\"data\\\":[]}\"}")).isEmpty();
    }

    @Test
    void problem_ofAnHttpError_namesTheStatusAndBody() {
        assertThat(Responses.problem("{\"statusCode\":503,\"body\":\"{\\\"error\\\":{\\\"code\\\":\\\"service_unavailable\\\"}}\"}"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("HTTP 503").contains("service_unavailable"));
    }

    @Test
    void problem_ofAnAuthorizerThatLetsThroughWithAnAuthError_isTheAuthError() {
        assertThat(Responses.problem("{\"isAuthorized\":true,\"context\":{\"authError\":\"invalid_api_key\"}}"))
                .hasValue("authError invalid_api_key");
    }

    @Test
    void problem_ofAnAuthorizerThatFoundTheApp_isNone() {
        assertThat(Responses.problem("{\"isAuthorized\":true,\"context\":{\"appId\":\"app_x\",\"keyId\":\"key_x\"}}")).isEmpty();
    }

    @Test
    void problem_ofSomethingThatIsNotJson_saysSo() {
        assertThat(Responses.problem("Task timed out")).hasValueSatisfying(p -> assertThat(p).contains("not JSON"));
    }
}
