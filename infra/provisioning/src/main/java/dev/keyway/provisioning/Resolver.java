package dev.keyway.provisioning;

import static dev.keyway.provisioning.Values.list;
import static dev.keyway.provisioning.Values.map;
import static dev.keyway.provisioning.Values.string;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the intrinsics a provisioned stack can answer: Ref, Fn::Sub, Fn::GetAtt and
 * Fn::Join, over pseudo parameters, parameter defaults and the physical ids of what has been
 * provisioned so far. Anything else fails loudly: a local stack that quietly differs from the
 * deployed one is worse than an error naming the construct to support.
 */
final class Resolver {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>();

    Resolver(String stackName, String region, Map<String, String> parameters) {
        names.put("AWS::StackName", stackName);
        names.put("AWS::Region", region);
        names.put("AWS::Partition", "aws");
        names.put("AWS::URLSuffix", "amazonaws.com");
        names.putAll(parameters);
    }

    /** Records what {@code !Ref logicalId} gives from now on. */
    void ref(String logicalId, String value) {
        names.put(logicalId, value);
    }

    /** Records what {@code !GetAtt logicalId.attribute} gives from now on. */
    void attribute(String logicalId, String attribute, String value) {
        attributes.put(logicalId + "." + attribute, value);
    }

    String resolve(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            return string(value);
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.size() != 1) {
            throw new IllegalArgumentException("expected one intrinsic function, got " + value);
        }
        Map.Entry<String, Object> call = intrinsic.entrySet().iterator().next();
        return switch (call.getKey()) {
            case "Ref" -> lookup(names, string(call.getValue()));
            case "Fn::GetAtt" -> getAtt(call.getValue());
            case "Fn::Sub" -> sub(call.getValue());
            case "Fn::Join" -> join(list(call.getValue()));
            default -> throw new UnsupportedOperationException(
                    call.getKey() + " is not supported by local provisioning: " + value);
        };
    }

    private String getAtt(Object argument) {
        List<?> parts = argument instanceof String dotted ? List.of(dotted.split("\\.", 2)) : list(argument);
        return lookup(attributes, resolve(parts.get(0)) + "." + resolve(parts.get(1)));
    }

    private String sub(Object argument) {
        String template;
        Map<String, String> variables = new HashMap<>();
        if (argument instanceof List<?> withVariables) {
            template = string(withVariables.get(0));
            map(withVariables.get(1)).forEach((k, v) -> variables.put(k, resolve(v)));
        } else {
            template = string(argument);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}"; // ${!Literal} escapes the placeholder
            } else if (variables.containsKey(name)) {
                replacement = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                replacement = lookup(attributes, name);
            } else {
                replacement = lookup(names, name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String join(List<?> argument) {
        String delimiter = string(argument.get(0));
        return String.join(delimiter, list(argument.get(1)).stream().map(this::resolve).toList());
    }

    private static String lookup(Map<String, String> known, String name) {
        String value = known.get(name);
        if (value == null) {
            throw new IllegalArgumentException("template.yaml refers to " + name
                    + ", which local provisioning does not create or know (it creates "
                    + Template.TABLE + ", " + Template.SECRET + " and " + Template.EVENT_BUS + ")");
        }
        return value;
    }
}
