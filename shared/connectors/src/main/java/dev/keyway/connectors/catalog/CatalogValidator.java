package dev.keyway.connectors.catalog;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a parsed catalog; every problem is collected so one run shows them all. */
final class CatalogValidator {
    private static final Pattern CATEGORY = Pattern.compile("^[a-z0-9-]{1,40}$");
    private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,31}$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$");
    private static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");
    /** Unreserved URL characters, so a callback or scope parameter name never needs encoding. */
    private static final Pattern PARAM_NAME = Pattern.compile("^[A-Za-z0-9._~-]{1,64}$");
    private static final int MAX_REFRESH_MARGIN = 86_400;

    private final List<String> problems = new ArrayList<>();

    List<String> validate(ProviderCatalog.CatalogFile file) {
        if (blank(file.docs())) {
            problems.add("docs: required");
        }
        if (file.version() < 1) {
            problems.add("version: must be 1 or more");
        }
        if (file.providers().isEmpty()) {
            problems.add("providers: at least one provider");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < file.providers().size(); i++) {
            Provider p = file.providers().get(i);
            String at = "providers[" + i + "]" + (p != null && p.key() != null ? " (" + p.key() + ")" : "");
            if (p == null) {
                problems.add(at + ": must be an object");
                continue;
            }
            if (p.key() != null && !keys.add(p.key())) {
                problems.add(at + ".key: duplicate provider key");
            }
            provider(at, p);
        }
        return problems;
    }

    private void provider(String at, Provider p) {
        if (p.key() == null || !ProviderCatalog.KEY.matcher(p.key()).matches()) {
            problems.add(at + ".key: must match " + ProviderCatalog.KEY.pattern());
        } else if (p.key().equals(ProviderCatalog.CUSTOM)) {
            problems.add(at + ".key: '" + ProviderCatalog.CUSTOM + "' is reserved for connectors that bring their own URLs");
        }
        if (blank(p.displayName()) || p.displayName().length() > 100) {
            problems.add(at + ".displayName: required, at most 100 characters");
        }
        if (p.categories().isEmpty()) {
            problems.add(at + ".categories: at least one");
        }
        p.categories().stream().filter(c -> c == null || !CATEGORY.matcher(c).matches()).findFirst()
                .ifPresent(c -> problems.add(at + ".categories: lower-case words joined by '-'"));
        if (p.color() == null || !COLOR.matcher(p.color()).matches()) {
            problems.add(at + ".color: required, #RRGGBB");
        }
        url(at + ".docs", p.docs(), UrlRules.Options.ENDPOINT, Map.of(), Set.of());

        Map<String, String> samples = new HashMap<>();
        Set<String> origins = new HashSet<>();
        Map<String, ConfigSource> sources = new HashMap<>();
        configFields(at, p.connectionConfig(), samples, origins, sources);
        if (sources.containsValue(ConfigSource.CALLBACK_QUERY)
                && p.authMethods().stream().noneMatch(m -> m != null && m.type() == AuthType.OAUTH2)) {
            problems.add(at + ".connectionConfig: CALLBACK_QUERY fields need an OAUTH2 auth method");
        }
        url(at + ".baseUrl", p.baseUrl(), UrlRules.Options.BASE, samples, origins);
        p.defaultHeaders().forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || value == null || value.chars().anyMatch(Character::isISOControl)) {
                problems.add(at + ".defaultHeaders." + name + ": not a valid header");
            }
        });
        verification(at + ".verification", p.verification());

        if (p.authMethods().isEmpty()) {
            problems.add(at + ".authMethods: at least one");
        }
        Set<AuthType> types = EnumSet.noneOf(AuthType.class);
        for (int i = 0; i < p.authMethods().size(); i++) {
            ProviderAuthMethod m = p.authMethods().get(i);
            String mat = at + ".authMethods[" + i + "]";
            if (m == null || m.type() == null) {
                problems.add(mat + ".type: one of " + List.of(AuthType.values()));
                continue;
            }
            if (!types.add(m.type())) {
                problems.add(mat + ".type: " + m.type() + " appears twice");
            }
            authMethod(mat, m, samples, origins);
            fieldSources(mat, p, m, sources);
        }
    }

    /**
     * A URL may only use fields whose value exists when it is called: the authorization URL only what
     * the end user typed, the token URL also the callback's query, and API_KEY or BASIC calls only
     * what the end user typed (no OAuth flow fills the other sources).
     */
    private void fieldSources(String at, Provider p, ProviderAuthMethod m, Map<String, ConfigSource> sources) {
        Set<ConfigSource> userOnly = Set.of(ConfigSource.USER_INPUT);
        if (!m.type().oauth()) {
            sourcesUsed(at + (m.baseUrl() != null ? ".baseUrl" : " (provider baseUrl)"),
                    m.baseUrl() != null ? m.baseUrl() : p.baseUrl(), sources, userOnly);
            return;
        }
        OAuth2Settings o = m.oauth2();
        if (o == null) {
            return;
        }
        sourcesUsed(at + ".oauth2.authorizationUrl", o.authorizationUrl(), sources, userOnly);
        sourcesUsed(at + ".oauth2.tokenUrl", o.tokenUrl(), sources, m.type() == AuthType.OAUTH2
                ? Set.of(ConfigSource.USER_INPUT, ConfigSource.CALLBACK_QUERY) : userOnly);
    }

    private void sourcesUsed(String at, String url, Map<String, ConfigSource> sources, Set<ConfigSource> allowed) {
        if (url == null) {
            return;
        }
        for (String name : UrlRules.placeholders(url)) {
            ConfigSource source = sources.get(name);
            if (source != null && !allowed.contains(source)) {
                problems.add(at + ": placeholder {" + name + "} is a " + source
                        + " field, which has no value yet when this URL is called");
            }
        }
    }

    private void configFields(String at, List<ConnectionConfigField> fields, Map<String, String> samples,
            Set<String> origins, Map<String, ConfigSource> sources) {
        for (int i = 0; i < fields.size(); i++) {
            ConnectionConfigField f = fields.get(i);
            String fat = at + ".connectionConfig[" + i + "]";
            if (f == null || f.name() == null || !FIELD_NAME.matcher(f.name()).matches()) {
                problems.add(fat + ".name: must match " + FIELD_NAME.pattern());
                continue;
            }
            if (samples.containsKey(f.name())) {
                problems.add(fat + ".name: duplicate field");
            }
            if (blank(f.label())) {
                problems.add(fat + ".label: required");
            }
            if (f.source() == null) {
                problems.add(fat + ".source: one of " + List.of(ConfigSource.values()));
                continue;
            }
            Pattern pattern = anchoredPattern(fat + ".pattern", f.pattern());
            if (pattern != null && (f.example() == null || !pattern.matcher(f.example()).matches())) {
                problems.add(fat + ".example: required and must match the pattern");
            }
            if (f.defaultValue() != null) {
                if (f.source() != ConfigSource.USER_INPUT) {
                    problems.add(fat + ".defaultValue: only for USER_INPUT fields");
                } else if (pattern != null && !pattern.matcher(f.defaultValue()).matches()) {
                    problems.add(fat + ".defaultValue: must match the pattern");
                }
            }
            if (f.source() != ConfigSource.CALLBACK_QUERY && f.param() != null) {
                problems.add(fat + ".param: only for CALLBACK_QUERY fields");
            }
            switch (f.source()) {
                case USER_INPUT -> noPointerOrDiscovery(fat, f);
                case TOKEN_RESPONSE -> pointer(fat + ".pointer", f.pointer());
                case DISCOVERY -> {
                    pointer(fat + ".pointer", f.pointer());
                    url(fat + ".discoveryUrl", f.discoveryUrl(), UrlRules.Options.ENDPOINT, Map.of(), Set.of());
                }
                case CALLBACK_QUERY -> {
                    noPointerOrDiscovery(fat, f);
                    if (f.param() == null || !PARAM_NAME.matcher(f.param()).matches()) {
                        problems.add(fat + ".param: required for CALLBACK_QUERY, must match " + PARAM_NAME.pattern());
                    }
                }
            }
            sources.put(f.name(), f.source());
            samples.put(f.name(), f.example() == null ? "example" : f.example());
            if (f.pattern() != null && f.pattern().startsWith("^https://")) {
                origins.add(f.name());
            }
        }
    }

    private void noPointerOrDiscovery(String at, ConnectionConfigField f) {
        if (f.pointer() != null || f.discoveryUrl() != null) {
            problems.add(at + ": " + f.source() + " takes no pointer or discoveryUrl");
        }
    }

    private void authMethod(String at, ProviderAuthMethod m, Map<String, String> samples, Set<String> origins) {
        if (m.docs() != null && m.docs().isBlank()) {
            problems.add(at + ".docs: must not be blank");
        }
        if (m.baseUrl() != null) {
            url(at + ".baseUrl", m.baseUrl(), UrlRules.Options.BASE, samples, origins);
        }
        if (m.inject() != null) {
            m.inject().problem().ifPresent(p -> problems.add(at + ".inject." + p));
            if (m.inject().basicPassword() != null
                    && (m.type() != AuthType.API_KEY || m.inject().in() != Injection.In.HEADER)) {
                problems.add(at + ".inject.basicPassword: only for an API_KEY sent in a header");
            }
        }
        switch (m.type()) {
            case OAUTH2, OAUTH2_CLIENT_CREDENTIALS, JWT_BEARER -> oauth2(at, m, samples, origins);
            case CUSTOM, MTLS -> problems.add(at + ".type: " + m.type() + " auth methods are declared by an app's own connector");
            case API_KEY -> {
                if (m.inject() == null) {
                    problems.add(at + ".inject: required for API_KEY");
                }
                noOAuth2(at, m);
            }
            case BASIC -> {
                if (m.inject() != null && m.inject().in() != Injection.In.HEADER) {
                    problems.add(at + ".inject.in: BASIC credentials go in a header");
                }
                noOAuth2(at, m);
            }
        }
    }

    private void oauth2(String at, ProviderAuthMethod m, Map<String, String> samples, Set<String> origins) {
        OAuth2Settings o = m.oauth2();
        if (o == null) {
            problems.add(at + ".oauth2: required for " + m.type());
            return;
        }
        if (m.labels() != null) {
            problems.add(at + ".labels: only for API_KEY and BASIC");
        }
        String oat = at + ".oauth2";
        if (m.type() == AuthType.OAUTH2) {
            url(oat + ".authorizationUrl", o.authorizationUrl(), UrlRules.Options.ENDPOINT, samples, origins);
        } else {
            if (o.authorizationUrl() != null || o.pkce() || !o.authorizationParams().isEmpty()) {
                problems.add(oat + ": " + m.type() + " has no authorization step");
            }
        }
        url(oat + ".tokenUrl", o.tokenUrl(), UrlRules.Options.ENDPOINT, samples, origins);
        if (o.revocationUrl() != null) {
            url(oat + ".revocationUrl", o.revocationUrl(), UrlRules.Options.ENDPOINT, samples, origins);
        }
        if (!OAuth2Rules.SCOPE_SEPARATORS.contains(o.scopeSeparator())) {
            problems.add(oat + ".scopeSeparator: \" \" or \",\"");
        }
        OAuth2Rules.scopesProblem(o.defaultScopes(), o.scopeSeparator())
                .ifPresent(p -> problems.add(oat + ".defaultScopes" + p));
        OAuth2Rules.authorizationParamsProblem(o.authorizationParams())
                .ifPresent(p -> problems.add(oat + ".authorizationParams" + p));
        o.tokenRequestHeaders().forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || value == null || value.chars().anyMatch(Character::isISOControl)) {
                problems.add(oat + ".tokenRequestHeaders." + name + ": not a valid header");
            }
        });
        if (o.tokenExpiry() == null) {
            problems.add(oat + ".tokenExpiry: one of " + List.of(TokenExpiry.values()));
        }
        scopeParam(oat, m.type(), o);
        if (!o.tokenResponseRoot().isEmpty()) {
            pointer(oat + ".tokenResponseRoot", o.tokenResponseRoot());
        }
        if (o.refreshMarginSeconds() != null
                && (o.refreshMarginSeconds() < 1 || o.refreshMarginSeconds() > MAX_REFRESH_MARGIN)) {
            problems.add(oat + ".refreshMarginSeconds: between 1 and " + MAX_REFRESH_MARGIN);
        }
    }

    private void scopeParam(String oat, AuthType type, OAuth2Settings o) {
        String param = o.scopeParam();
        if (param.equals(OAuth2Settings.DEFAULT_SCOPE_PARAM)) {
            return;
        }
        if (type != AuthType.OAUTH2) {
            problems.add(oat + ".scopeParam: OAUTH2_CLIENT_CREDENTIALS sends scopes as 'scope'");
        } else if (!PARAM_NAME.matcher(param).matches() || OAuth2Rules.RESERVED_AUTHORIZATION_PARAMS.contains(param)) {
            problems.add(oat + ".scopeParam: a parameter name (letters, digits, '.', '_', '~', '-') that the flow"
                    + " does not set itself");
        } else if (o.authorizationParams().containsKey(param)) {
            problems.add(oat + ".scopeParam: also fixed in authorizationParams");
        }
    }

    private void noOAuth2(String at, ProviderAuthMethod m) {
        if (m.oauth2() != null) {
            problems.add(at + ".oauth2: only for OAUTH2 and OAUTH2_CLIENT_CREDENTIALS");
        }
    }

    private void verification(String at, Verification v) {
        if (v != null) {
            v.problem().ifPresent(p -> problems.add(at + "." + p));
        }
    }

    private void url(String at, String url, UrlRules.Options options, Map<String, String> samples,
            Set<String> origins) {
        UrlRules.problem(url, options, samples, origins).ifPresent(p -> problems.add(at + ": " + p));
    }

    private void pointer(String at, String pointer) {
        try {
            if (pointer == null || !pointer.startsWith("/")) {
                problems.add(at + ": a JSON pointer such as /instance_url");
            } else {
                JsonPointer.compile(pointer);
            }
        } catch (IllegalArgumentException e) {
            problems.add(at + ": not a valid JSON pointer");
        }
    }

    private Pattern anchoredPattern(String at, String regex) {
        if (regex == null || !regex.startsWith("^") || !regex.endsWith("$")) {
            problems.add(at + ": required, anchored with ^ and $");
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(at + ": not a valid regular expression");
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
