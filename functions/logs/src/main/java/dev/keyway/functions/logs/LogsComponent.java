package dev.keyway.functions.logs;

import dagger.Component;
import dev.keyway.audit.AuthLogQuery;
import dev.keyway.storage.AwsClientsModule;
import javax.inject.Singleton;

/** The logs function's object graph, built once per container. No crypto: the log holds no secret. */
@Singleton
@Component(modules = AwsClientsModule.class)
interface LogsComponent {
    AuthLogQuery logs();
}
