package dev.keyway.linkedaccounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.audit.AuthEvent;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Ids;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Imports credentials an app already holds as linked accounts, idempotent by
 * (app, connector, endUserId, externalRef): a repeated import updates the same account in place
 * and keeps its id. Each account and its auth-log entry are written in one transaction.
 */
@Singleton
public final class CredentialImportService {
    public static final int MAX_BATCH = 100;
    /** Batch items run this many at a time: quicker than one by one, gentle on DynamoDB. */
    static final int BATCH_CONCURRENCY = 8;

    public enum Outcome { created, updated, rejected }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportResult(Integer index, Outcome result, LinkedAccountView linkedAccount, Error error) {
        public record Error(String code, String message) {
        }
    }

    public record BatchResult(List<ImportResult> results, int created, int updated, int rejected) {
    }

    private final KeywayTable table;
    private final LinkedAccountRepository accounts;
    private final ImportParser parser;
    private final LinkedAccountResolver resolver;
    private final CredentialVerifier verifier;
    private final ClientCredentialsTokens clientCredentials;
    private final RefreshSchedule schedule;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public CredentialImportService(KeywayTable table, LinkedAccountRepository accounts, ImportParser parser,
                                   LinkedAccountResolver resolver, CredentialVerifier verifier,
                                   ClientCredentialsTokens clientCredentials, RefreshSchedule schedule,
                                   AuthLog authLog, Clock clock) {
        this.table = table;
        this.accounts = accounts;
        this.parser = parser;
        this.resolver = resolver;
        this.verifier = verifier;
        this.clientCredentials = clientCredentials;
        this.schedule = schedule;
        this.authLog = authLog;
        this.clock = clock;
    }

    public ImportResult importOne(String appId, String body, String actor) {
        ImportCommand command = withToken(appId, parser.validate(appId, parser.read(parse(body), ""), ""));
        return store(appId, command, actor, null);
    }

    /** Each item is answered on its own; a rejected item changes nothing and does not stop the others. */
    public BatchResult importBatch(String appId, String body, String actor) {
        JsonNode root = parse(body);
        if (!root.isObject() || !root.has("items") || root.size() != 1) {
            throw KeywayException.invalid("body: expected {\"items\": [ … up to " + MAX_BATCH + " imports … ]}");
        }
        JsonNode items = root.get("items");
        if (!items.isArray() || items.isEmpty() || items.size() > MAX_BATCH) {
            throw KeywayException.invalid("items: a list of 1 to " + MAX_BATCH + " imports");
        }
        List<ImportResult> results = runBounded(items, appId, actor);
        int created = count(results, Outcome.created);
        int updated = count(results, Outcome.updated);
        return new BatchResult(results, created, updated, results.size() - created - updated);
    }

    private List<ImportResult> runBounded(JsonNode items, String appId, String actor) {
        Semaphore permits = new Semaphore(BATCH_CONCURRENCY);
        List<Future<ImportResult>> futures = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                JsonNode item = items.get(i);
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return importItem(appId, item, index, actor);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<ImportResult> results = new ArrayList<>();
            for (Future<ImportResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch import interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private ImportResult importItem(String appId, JsonNode item, int index, String actor) {
        String path = "items[" + index + "]";
        try {
            return store(appId, withToken(appId, parser.validate(appId, parser.read(item, path), path)), actor, index);
        } catch (KeywayException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return new ImportResult(index, Outcome.rejected, null, new ImportResult.Error(e.code(), e.getMessage()));
        }
    }

    private ImportResult store(String appId, ImportCommand command, String actor, Integer index) {
        Instant now = clock.instant();
        Optional<StoredAccount> existing = findByReference(appId, command);
        LinkedAccount account = existing
                .map(previous -> updated(previous.account(), command, now))
                .orElseGet(() -> created(appId, command, now));
        if (command.verify()) {
            verify(account, command, actor);
        }
        Write write = new Write(existing.isPresent() ? AuthEventTypes.LINKED_ACCOUNT_UPDATED
                : AuthEventTypes.LINKED_ACCOUNT_IMPORTED, "import", List.of());
        try {
            write(account, command, existing, actor, write);
        } catch (Transactions.ConditionFailed e) {
            if (existing.isPresent() || !e.failedAt(0)) {
                throw KeywayException.conflict("linked account was changed by another request at the same time; retry");
            }
            // Another import of the same reference created it first: update that one instead.
            StoredAccount winner = findByReference(appId, command)
                    .orElseThrow(() -> KeywayException.conflict("concurrent import; retry"));
            account = updated(winner.account(), command, now);
            write(account, command, Optional.of(winner), actor, write.as(AuthEventTypes.LINKED_ACCOUNT_UPDATED));
            existing = Optional.of(winner);
        }
        return new ImportResult(index, existing.isPresent() ? Outcome.updated : Outcome.created,
                LinkedAccountView.of(account), null);
    }

    /**
     * Stores what a connection flow produced (a portal form, an OAuth callback, a client-credentials
     * connect). A reconnect updates the named account and keeps its id; otherwise the end user's
     * account for this connector is created, or updated when it exists. {@code alsoWrite}, given the
     * account's id, joins the same transaction (the connect session's result), so the flow's outcome
     * is never half-recorded.
     */
    public ImportResult connect(String appId, ConnectionGrant grant,
                                java.util.function.Function<String, List<TransactWriteItem>> alsoWrite, String actor) {
        ImportRequest request = new ImportRequest(grant.connector(), grant.authMethod(), grant.endUserId(), null,
                grant.credentials(), grant.connectionConfig(), grant.verify());
        ImportCommand command = withToken(appId, parser.validate(appId, request, ""));
        Instant now = clock.instant();
        Optional<StoredAccount> existing = grant.reconnectLinkedAccountId() == null
                ? findByReference(appId, command)
                : Optional.of(reconnectTarget(appId, grant));
        LinkedAccount account = existing
                .map(previous -> updated(previous.account(), command, now))
                .orElseGet(() -> created(appId, command, now));
        if (command.verify()) {
            verify(account, command, actor);
        }
        String type = grant.reconnectLinkedAccountId() != null ? AuthEventTypes.LINKED_ACCOUNT_RECONNECTED
                : AuthEventTypes.LINKED_ACCOUNT_CONNECTED;
        try {
            write(account, command, existing, actor, new Write(type, grant.flow(), alsoWrite.apply(account.id())));
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.conflict("linked account was changed by another request at the same time; retry");
        }
        return new ImportResult(null, existing.isPresent() ? Outcome.updated : Outcome.created,
                LinkedAccountView.of(account), null);
    }

    /** Client credentials without an access token: fetch one now, so bad credentials are refused before storing. */
    private ImportCommand withToken(String appId, ImportCommand command) {
        if (command.credentials() instanceof Credentials.ClientCredentials c && c.accessToken() == null
                || command.credentials() instanceof Credentials.JwtBearer j && j.accessToken() == null) {
            return clientCredentials.fetch(appId, command);
        }
        return command;
    }

    private StoredAccount reconnectTarget(String appId, ConnectionGrant grant) {
        StoredAccount target = accounts.findForApp(appId, grant.reconnectLinkedAccountId())
                .orElseThrow(() -> new KeywayException(409, "linked_account_gone",
                        "the linked account this reconnect session was for no longer exists"));
        if (!target.account().connector().equals(grant.connector())
                || !target.account().endUserId().equals(grant.endUserId())) {
            throw KeywayException.invalid("connector: a reconnect session only reconnects its own linked account");
        }
        return target;
    }

    private Optional<StoredAccount> findByReference(String appId, ImportCommand command) {
        return accounts.findImport(appId, command.connector().key(), command.endUserId(), command.externalRef())
                .flatMap(id -> accounts.findForApp(appId, id));
    }

    /** What a write records besides the account: its event type, the flow that caused it, extra items. */
    private record Write(String eventType, String flow, List<TransactWriteItem> alsoWrite) {
        Write as(String otherType) {
            return new Write(otherType, flow, alsoWrite);
        }
    }

    private void write(LinkedAccount account, ImportCommand command, Optional<StoredAccount> existing, String actor,
                       Write write) {
        AuthEvent event = authLog.event(account.appId(), write.eventType())
                .linkedAccount(account.id(), account.endUserId()).connector(account.connector()).actor(actor)
                .detail("authMethod", account.authMethod())
                .detail("flow", write.flow())
                .detail("verified", Boolean.toString(command.verify()))
                .build();
        List<TransactWriteItem> items = new ArrayList<>(existing.isPresent()
                ? List.of(accounts.replace(account, command.credentials(), existing.get().account().version()),
                        authLog.entry(event))
                : List.of(accounts.createImportRef(account), accounts.create(account, command.credentials()),
                        authLog.entry(event)));
        items.addAll(write.alsoWrite());
        Transactions.write(table, items);
    }

    private void verify(LinkedAccount account, ImportCommand command, String actor) {
        ResolvedAccount candidate = resolver.candidate(account, command.credentials());
        switch (verifier.verify(candidate)) {
            case ACCEPTED -> { }
            case REJECTED -> {
                AuthEvent event = authLog.event(account.appId(), AuthEventTypes.LINKED_ACCOUNT_VERIFY_FAILED)
                        .linkedAccount(null, account.endUserId()).connector(account.connector()).actor(actor)
                        .detail("authMethod", account.authMethod()).build();
                Transactions.write(table, List.of(authLog.entry(event)));
                throw new KeywayException(422, "credentials_rejected",
                        "the provider rejected these credentials; nothing was stored");
            }
            case NOT_SUPPORTED -> throw KeywayException.invalid(
                    "verify: connector '" + account.connector() + "' has no verification endpoint for its auth method");
            case UNAVAILABLE -> throw new KeywayException(502, "verification_unavailable",
                    "the provider's verification endpoint did not answer; nothing was stored, retry later");
        }
    }

    private LinkedAccount created(String appId, ImportCommand c, Instant now) {
        String id = Ids.newId("la");
        return new LinkedAccount(id, appId, c.connector().key(), c.authMethod().id(), c.authMethod().type(),
                c.endUserId(), c.externalRef(), LinkedAccountStatus.CONNECTED, null, c.scopes(), c.expiresAt(), null,
                null, c.connectionConfig(), now, now, 1, schedule.firstDue(id, c.connector(), c.authMethod(),
                        c.credentials(), c.expiresAt(), now), 0);
    }

    private LinkedAccount updated(LinkedAccount previous, ImportCommand c, Instant now) {
        return new LinkedAccount(previous.id(), previous.appId(), previous.connector(), c.authMethod().id(),
                c.authMethod().type(), previous.endUserId(), previous.externalRef(), LinkedAccountStatus.CONNECTED, null,
                c.scopes(), c.expiresAt(), previous.lastRefreshedAt(), previous.lastUsedAt(), c.connectionConfig(),
                previous.createdAt(), now, previous.version() + 1, schedule.firstDue(previous.id(), c.connector(),
                        c.authMethod(), c.credentials(), c.expiresAt(), now), 0);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || node.isMissingNode()) {
                throw KeywayException.invalid("body: expected a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            // Jackson's own message may quote the input, which holds credentials: say it in our words.
            var location = e.getLocation();
            throw KeywayException.invalid("body: not valid JSON"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
        }
    }

    private static int count(List<ImportResult> results, Outcome outcome) {
        return (int) results.stream().filter(r -> r.result() == outcome).count();
    }
}
