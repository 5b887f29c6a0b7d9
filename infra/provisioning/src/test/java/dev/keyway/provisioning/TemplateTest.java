package dev.keyway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the real template.yaml: what the local runner and the tests will see of it. */
class TemplateTest {

    private static final Template TEMPLATE = Template.load(Template.locate());

    @Test
    void locate_walksUpFromTheModuleDirectoryToTheRepoRoot() {
        assertThat(Template.locate().getParent().resolve("infra/provisioning")).isDirectory();
    }

    @Test
    void resources_findTheTableSecretAndBus() {
        assertThat(TEMPLATE.resources(Template.TABLE)).extracting(Resource::logicalId).containsExactly("KeywayTable");
        assertThat(TEMPLATE.resources(Template.SECRET)).extracting(Resource::logicalId).containsExactly("KeySetSecret");
        assertThat(TEMPLATE.resources(Template.EVENT_BUS)).extracting(Resource::logicalId).containsExactly("KeywayEventBus");
    }

    @Test
    void shortFormTags_becomeLongFormIntrinsics() {
        assertThat(TEMPLATE.resource("KeywayEventBus").orElseThrow().properties())
                .containsEntry("Name", Map.of("Fn::Sub", "${AWS::StackName}-keyway"));
        Map<String, Object> logs = Values.map(
                TEMPLATE.resource("KeywayHttpApi").orElseThrow().properties().get("AccessLogSettings"));
        assertThat(logs).containsEntry("DestinationArn", Map.of("Fn::GetAtt", List.of("HttpApiAccessLogs", "Arn")));
        assertThat(TEMPLATE.resource("HttpApiAccessLogs").orElseThrow().properties())
                .containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"));
    }

    @Test
    void parameterDefaults_areStrings() {
        assertThat(TEMPLATE.parameterDefaults()).containsEntry("LogRetentionDays", "30");
    }

    @Test
    void httpRoutes_carryEachEventsFunctionAndAuthorizer() {
        assertThat(TEMPLATE.httpRoutes()).contains(
                new HttpRoute("PUT", "/v1/connectors/{connectorKey}", "ConnectorsFunction", "PutConnector", true),
                new HttpRoute("GET", "/v1/connectors/{connectorKey}", "ConnectorsFunction", "GetConnector", true),
                new HttpRoute("DELETE", "/v1/connectors/{connectorKey}", "ConnectorsFunction", "DeleteConnector", true),
                new HttpRoute("GET", "/v1/connectors", "ConnectorsFunction", "ListConnectors", true),
                new HttpRoute("GET", "/v1/providers", "ConnectorsFunction", "ListProviders", true));
    }

    @Test
    void functions_carryHandlerAndGlobalEnvironment() {
        FunctionDefinition authorizer = function("AuthorizerFunction");
        assertThat(authorizer.handler()).isEqualTo("dev.keyway.functions.authorizer.AuthorizerHandler::handleRequest");
        assertThat(authorizer.environment())
                .containsEntry("KEYWAY_TABLE", Map.of("Ref", "KeywayTable"))
                .containsEntry("KEYWAY_KEY_SET_SECRET", Map.of("Ref", "KeySetSecret"))
                .containsEntry("KEYWAY_EVENT_BUS", Map.of("Ref", "KeywayEventBus"));
        assertThat(function("ConnectorsFunction").handler())
                .isEqualTo("dev.keyway.functions.connectors.ConnectorsHandler::handleRequest");
    }

    @Test
    void everyFunctionHasAHandlerTheLocalRunnerCanLoad() {
        assertThat(TEMPLATE.functions()).allSatisfy(f -> assertThat(f.handler()).matches("[\\w.]+::\\w+"));
    }

    /** Provisioning refuses unknown properties; this says so at unit-test speed instead. */
    @Test
    void provisionedResources_useOnlyPropertiesTheProvisionerCarries() {
        TEMPLATE.resources(Template.TABLE).forEach(r ->
                assertThat(TableProvisioner.SUPPORTED).containsAll(r.properties().keySet()));
        TEMPLATE.resources(Template.SECRET).forEach(r ->
                assertThat(SecretProvisioner.SUPPORTED).containsAll(r.properties().keySet()));
        TEMPLATE.resources(Template.EVENT_BUS).forEach(r ->
                assertThat(EventBusProvisioner.SUPPORTED).containsAll(r.properties().keySet()));
    }

    private static FunctionDefinition function(String logicalId) {
        return TEMPLATE.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
