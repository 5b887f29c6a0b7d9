package dev.keyway.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real AWS-compatible endpoint with template.yaml provisioned on it:
 *
 * <pre>{@code
 * @ExtendWith(LocalAwsExtension.class)
 * class TokenStoreTest {
 *     @Test
 *     void savesAndReads(LocalAws aws) { ... aws.dynamoDb() ... }
 * }
 * }</pre>
 *
 * One {@link LocalAws} per JVM, kept in the root context's store, so any number of test
 * classes (in parallel too) share one server and one provisioning. Before a test class
 * starts, the settings {@code KeywayConfig.fromEnvironment()} reads are set as system
 * properties. How the endpoint is chosen: see {@link Endpoints}.
 */
public final class LocalAwsExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        localAws(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return localAws(context);
    }

    private static LocalAws localAws(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LocalAws.class, key -> LocalAws.start(), LocalAws.class);
    }
}
