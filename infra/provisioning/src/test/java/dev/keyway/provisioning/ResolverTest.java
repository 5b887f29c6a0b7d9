package dev.keyway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolverTest {

    private final Resolver resolver = resolver();

    private static Resolver resolver() {
        Resolver r = new Resolver("stack", "eu-west-1", Map.of("Stage", "dev"));
        r.ref("Table", "stack-Table");
        r.attribute("Table", "StreamArn", "arn:stream");
        return r;
    }

    @Test
    void ref_givesPhysicalIdsParametersAndPseudoParameters() {
        assertThat(resolver.resolve(Map.of("Ref", "Table"))).isEqualTo("stack-Table");
        assertThat(resolver.resolve(Map.of("Ref", "Stage"))).isEqualTo("dev");
        assertThat(resolver.resolve(Map.of("Ref", "AWS::Region"))).isEqualTo("eu-west-1");
    }

    @Test
    void sub_replacesNamesAttributesAndVariables_andKeepsEscapedPlaceholders() {
        assertThat(resolver.resolve(Map.of("Fn::Sub", "${AWS::StackName}-keyway"))).isEqualTo("stack-keyway");
        assertThat(resolver.resolve(Map.of("Fn::Sub", "${Table.StreamArn}|${!Literal}"))).isEqualTo("arn:stream|${Literal}");
        assertThat(resolver.resolve(Map.of("Fn::Sub", List.of("${x}-${Table}", Map.of("x", Map.of("Ref", "Stage"))))))
                .isEqualTo("dev-stack-Table");
    }

    @Test
    void getAttAndJoin_resolve() {
        assertThat(resolver.resolve(Map.of("Fn::GetAtt", List.of("Table", "StreamArn")))).isEqualTo("arn:stream");
        assertThat(resolver.resolve(Map.of("Fn::Join", List.of(":", List.of("a", Map.of("Ref", "Table"))))))
                .isEqualTo("a:stack-Table");
    }

    @Test
    void unknownNamesAndFunctions_failNamingWhatIsMissing() {
        assertThatThrownBy(() -> resolver.resolve(Map.of("Ref", "Queue"))).hasMessageContaining("refers to Queue");
        assertThatThrownBy(() -> resolver.resolve(Map.of("Fn::If", List.of("c", "a", "b"))))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Fn::If");
    }
}
