package dev.keyway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

    @Test
    void shortForms_parseToTheLongForm() {
        Object parsed = CloudFormationYaml.parse("""
                a: !Ref X
                b: !GetAtt Db.Endpoint.Address
                c: !Sub ["${p}-x", {p: !Ref AWS::Region}]
                d: !Join ["", [!Ref X, "-y"]]
                e: !If [IsProd, !GetAtt [Q, Arn], !Ref AWS::NoValue]
                f: !Equals [!Ref Stage, prod]
                """);

        assertThat(parsed).isEqualTo(Map.of(
                "a", Map.of("Ref", "X"),
                "b", Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")),
                "c", Map.of("Fn::Sub", List.of("${p}-x", Map.of("p", Map.of("Ref", "AWS::Region")))),
                "d", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", "X"), "-y"))),
                "e", Map.of("Fn::If", List.of("IsProd", Map.of("Fn::GetAtt", List.of("Q", "Arn")),
                        Map.of("Ref", "AWS::NoValue"))),
                "f", Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod"))));
    }
}
