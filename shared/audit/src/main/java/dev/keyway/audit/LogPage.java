package dev.keyway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of the auth log, newest first; {@code nextCursor} is null on the last page (and always present). */
public record LogPage(List<LogEntry> data, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
