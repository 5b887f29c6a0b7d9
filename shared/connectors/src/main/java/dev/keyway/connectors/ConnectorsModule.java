package dev.keyway.connectors;

import dagger.Module;
import dagger.Provides;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.ConnectorDefinitionParser;
import javax.inject.Singleton;

/** The provider catalog (a data file shipped in the jar) and the parser that validates against it. */
@Module
public final class ConnectorsModule {
    private ConnectorsModule() {
    }

    @Provides
    @Singleton
    static ProviderCatalog catalog() {
        return ProviderCatalog.shipped();
    }

    @Provides
    @Singleton
    static ConnectorDefinitionParser parser(ProviderCatalog catalog) {
        return new ConnectorDefinitionParser(catalog);
    }
}
