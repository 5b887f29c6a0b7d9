package dev.keyway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Event shapes template.yaml does not use yet, but the local runner must read right when it does. */
class FunctionReaderTest {

    private static final String API = """
            Globals:
              Function:
                Handler: dev.keyway.Default::handleRequest
                Environment:
                  Variables:
                    SHARED: !Ref Table
                    OVERRIDDEN: global
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  Auth:
                    DefaultAuthorizer: Keys
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      OVERRIDDEN: own
                  Events:
            """;

    @Test
    void authNone_marksTheRouteAsNotUsingTheDefaultAuthorizer() {
        Template template = Template.parse(API + """
                        Start:
                          Type: HttpApi
                          Properties: {ApiId: !Ref Api, Method: get, Path: '/v1/connect/{token}', Auth: {Authorizer: NONE}}
                        Guarded:
                          Type: HttpApi
                          Properties: {ApiId: !Ref Api, Method: POST, Path: /v1/sessions}
                """);

        assertThat(template.httpRoutes()).containsExactlyInAnyOrder(
                new HttpRoute("GET", "/v1/connect/{token}", "Fn", "Start", false),
                new HttpRoute("POST", "/v1/sessions", "Fn", "Guarded", true));
    }

    @Test
    void aRouteWithAnotherAuthorizer_isRefusedRatherThanServedUnguarded() {
        assertThatThrownBy(() -> Template.parse(API + """
                        Other:
                          Type: HttpApi
                          Properties: {ApiId: !Ref Api, Method: GET, Path: /x, Auth: {Authorizer: Iam}}
                """)).hasMessageContaining("authorizer Iam");
    }

    @Test
    void scheduleAndScheduleV2_giveExpressionStateAndInput() {
        Template template = Template.parse(API + """
                        Refresh:
                          Type: Schedule
                          Properties: {Schedule: rate(1 minute), Input: '{"job":"refresh"}'}
                        Sweep:
                          Type: ScheduleV2
                          Properties: {ScheduleExpression: rate(1 hour), State: DISABLED}
                """);

        assertThat(template.schedules()).containsExactlyInAnyOrder(
                new Schedule("Fn", "Refresh", "rate(1 minute)", true, "{\"job\":\"refresh\"}"),
                new Schedule("Fn", "Sweep", "rate(1 hour)", false, null));
    }

    @Test
    void dynamoDbEvent_namesTheTableWhoseStreamItReads() {
        Template template = Template.parse(API + """
                        Changes:
                          Type: DynamoDB
                          Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: TRIM_HORIZON, BatchSize: 10}
                """);

        assertThat(template.functions().getFirst().streamTriggers())
                .containsExactly(new StreamTrigger("Fn", "Changes", "Table", "TRIM_HORIZON", 10));
    }

    @Test
    void environment_isGlobalsOverriddenByTheFunction_andHandlerFallsBackToGlobals() {
        Template template = Template.parse(API + "        {}\n");

        FunctionDefinition fn = template.functions().getFirst();
        assertThat(fn.handler()).isEqualTo("dev.keyway.Default::handleRequest");
        assertThat(fn.environment()).isEqualTo(Map.of("SHARED", Map.of("Ref", "Table"), "OVERRIDDEN", "own"));
    }
}
