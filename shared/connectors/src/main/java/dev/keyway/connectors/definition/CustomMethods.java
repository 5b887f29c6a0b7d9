package dev.keyway.connectors.definition;

import static dev.keyway.connectors.definition.DefinitionValidator.invalid;
import static dev.keyway.connectors.definition.DefinitionValidator.notUsed;
import static dev.keyway.connectors.definition.DefinitionValidator.text;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.CredentialCheck;
import dev.keyway.connectors.catalog.CredentialField;
import dev.keyway.connectors.catalog.FieldLabels;
import dev.keyway.connectors.catalog.UrlRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of a CUSTOM auth method: its field schema and its optional credential check. */
final class CustomMethods {
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.\\-\\[\\]:]{1,253}$");
    private static final Pattern PORT = Pattern.compile("^[0-9]{1,5}$");

    private final boolean localMode;

    CustomMethods(boolean localMode) {
        this.localMode = localMode;
    }

    /** True when every auth method in the body says CUSTOM: such a connector needs no base URL. */
    static boolean onlyCustom(List<ConnectorRequest.AuthMethod> methods) {
        return methods != null && !methods.isEmpty()
                && methods.stream().allMatch(m -> m != null && AuthType.CUSTOM.name().equals(m.type()));
    }

    /** Other auth types take their fields from their type, never from a schema. */
    static void noSchema(String at, ConnectorRequest.AuthMethod m, AuthType type) {
        notUsed(at + ".fields", m.fields(), "only for CUSTOM (" + type + " has its own credential fields)");
        notUsed(at + ".check", m.check(), "only for CUSTOM (" + type + " is verified with the connector's verification call)");
    }

    /** MTLS: the certificate is the credential; nothing is injected into the request. */
    static AuthMethodDefinition mtls(String at, ConnectorRequest.AuthMethod m) {
        DefinitionValidator.noOAuth(at, m, "not used by MTLS");
        noSchema(at, m, AuthType.MTLS);
        notUsed(at + ".inject", m.inject(), "MTLS presents a client certificate in the TLS handshake; nothing is injected");
        notUsed(at + ".labels", m.labels(), "not used by MTLS");
        return new AuthMethodDefinition(m.id(), AuthType.MTLS, null, List.of(), Map.of(), null, null, null, null, null);
    }

    /** @param configNames the connector's own connection-config fields, which a schema field may not shadow */
    AuthMethodDefinition validate(String at, ConnectorRequest.AuthMethod m, Set<String> configNames) {
        DefinitionValidator.noOAuth(at, m, "not used by CUSTOM (its fields are declared in 'fields')");
        notUsed(at + ".inject", m.inject(), "CUSTOM credentials are resolved, not injected: the proxy does not take them");
        notUsed(at + ".labels", m.labels(), "CUSTOM labels are part of each field");
        List<CredentialField> fields = fields(at + ".fields", m.fields(), configNames);
        Set<String> usable = new HashSet<>(configNames);
        fields.stream().filter(f -> !f.secret()).forEach(f -> usable.add(f.name()));
        CredentialCheck check = m.check() == null ? null : check(at + ".check", m.check(), usable);
        return new AuthMethodDefinition(m.id(), AuthType.CUSTOM, null, List.of(), Map.of(), null, null, null, fields, check);
    }

    private static List<CredentialField> fields(String at, List<ConnectorRequest.Field> requested, Set<String> configNames) {
        if (requested == null || requested.isEmpty()) {
            throw invalid(at, "required for CUSTOM: at least one field, e.g. "
                    + "{\"name\": \"password\", \"label\": \"Password\", \"type\": \"secret\"}");
        }
        if (requested.size() > CredentialField.MAX_FIELDS) {
            throw invalid(at, "at most " + CredentialField.MAX_FIELDS + " fields");
        }
        Set<String> names = new HashSet<>();
        List<CredentialField> out = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String fieldAt = at + "[" + i + "]";
            ConnectorRequest.Field f = requested.get(i);
            if (f == null) {
                throw invalid(fieldAt, "must be an object");
            }
            if (f.name() == null || !DefinitionValidator.FIELD_NAME.matcher(f.name()).matches()) {
                throw invalid(fieldAt + ".name", "required, must match " + DefinitionValidator.FIELD_NAME.pattern());
            }
            if (!names.add(f.name()) || configNames.contains(f.name())) {
                throw invalid(fieldAt + ".name", "duplicate field '" + f.name() + "' (also a field or a connectionConfig name)");
            }
            if (f.label() == null) {
                throw invalid(fieldAt + ".label", "required");
            }
            String label = text(fieldAt + ".label", f.label(), FieldLabels.MAX_LABEL);
            CredentialField.Type type = CredentialField.Type.parse(f.type());
            if (type == null) {
                throw invalid(fieldAt + ".type", "required: one of " + Arrays.stream(CredentialField.Type.values())
                        .map(CredentialField.Type::wire).toList());
            }
            String pattern = null;
            if (f.pattern() != null) {
                if (type != CredentialField.Type.STRING && type != CredentialField.Type.SECRET) {
                    throw invalid(fieldAt + ".pattern", "only for string and secret fields");
                }
                pattern = DefinitionValidator.pattern(fieldAt + ".pattern", f.pattern());
            }
            String help = f.help() == null ? null : text(fieldAt + ".help", f.help(), FieldLabels.MAX_HELP);
            out.add(new CredentialField(f.name(), label, type, !Boolean.FALSE.equals(f.required()), pattern, help));
        }
        return out;
    }

    private CredentialCheck check(String at, ConnectorRequest.Check c, Set<String> usable) {
        Map<String, String> samples = new HashMap<>();
        usable.forEach(name -> samples.put(name, "placeholder"));
        if (CredentialCheck.HTTP.equals(c.type())) {
            notUsed(at + ".host", c.host(), "only for tcp");
            notUsed(at + ".port", c.port(), "only for tcp");
            if (c.url() == null) {
                throw invalid(at + ".url", "required for an http check");
            }
            UrlRules.problem(c.url(), UrlRules.Options.ENDPOINT.loopback(localMode), samples, Set.of()).ifPresent(p -> {
                throw invalid(at + ".url", p);
            });
            return new CredentialCheck(CredentialCheck.HTTP, c.url(), null, null);
        }
        if (CredentialCheck.TCP.equals(c.type())) {
            notUsed(at + ".url", c.url(), "only for http");
            String host = placeholderOr(at + ".host", c.host(), HOST, usable, "a host name or address");
            String port = placeholderOr(at + ".port", c.port(), PORT, usable, "a port number");
            if (PORT.matcher(port).matches() && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
                throw invalid(at + ".port", "a port number from 1 to 65535");
            }
            return new CredentialCheck(CredentialCheck.TCP, null, host, port);
        }
        throw invalid(at + ".type", "'http' or 'tcp'");
    }

    /** A literal matching {@code literal}, or exactly one {placeholder} naming a non-secret field. */
    private static String placeholderOr(String at, String value, Pattern literal, Set<String> usable, String what) {
        if (value == null) {
            throw invalid(at, "required: " + what + ", or a {placeholder} naming a non-secret field");
        }
        var m = UrlRules.PLACEHOLDER.matcher(value);
        if (m.matches()) {
            if (!usable.contains(m.group(1))) {
                throw invalid(at, "{" + m.group(1) + "} is not a non-secret field of this auth method or connector");
            }
            return value;
        }
        if (!literal.matcher(value).matches()) {
            throw invalid(at, what + ", or a {placeholder} naming a non-secret field");
        }
        return Objects.requireNonNull(value);
    }
}
