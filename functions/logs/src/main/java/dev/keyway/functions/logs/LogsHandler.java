package dev.keyway.functions.logs;

import dev.keyway.audit.AuthLogQuery;
import dev.keyway.audit.LogQuery;
import dev.keyway.http.ApiHandler;
import dev.keyway.http.ApiResponse;
import dev.keyway.http.Routes;

/** The auth log over HTTP: {@code GET /v1/logs}, the caller's app only, newest first. */
public final class LogsHandler extends ApiHandler {

    public LogsHandler() {
        this(DaggerLogsComponent.create().logs());
    }

    LogsHandler(AuthLogQuery logs) {
        super(routes(logs));
    }

    static Routes routes(AuthLogQuery logs) {
        return new Routes()
                .app("GET /v1/logs", (appId, req) -> ApiResponse.ok(logs.list(appId, LogQuery.parse(req::queryParameter))));
    }
}
