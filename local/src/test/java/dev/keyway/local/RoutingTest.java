package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the runner reads routes, paths, query strings and schedules, as API Gateway and EventBridge do. */
class RoutingTest {
    @Test
    void parameterSegment_takesOneSegment() {
        var route = new RoutePattern("GET", "/v1/connectors/{connectorKey}");
        assertThat(route.match("GET", "/v1/connectors/github")).contains(Map.of("connectorKey", "github"));
        assertThat(route.match("GET", "/v1/connectors/github/extra")).isEmpty();
        assertThat(route.match("GET", "/v1/connectors")).isEmpty();
        assertThat(route.match("PUT", "/v1/connectors/github")).isEmpty();
    }

    @Test
    void greedySegment_takesTheRest() {
        var route = new RoutePattern("ANY", "/v1/proxy/{linkedAccountId}/{path+}");
        assertThat(route.match("POST", "/v1/proxy/la_1/repos/a/b"))
                .contains(Map.of("linkedAccountId", "la_1", "path", "repos/a/b"));
        assertThat(route.match("GET", "/v1/proxy/la_1")).isEmpty();
    }

    @Test
    void literalSegments_areMoreSpecificThanParameters() {
        assertThat(new RoutePattern("POST", "/v1/linked-accounts/import/batch").specificity())
                .isGreaterThan(new RoutePattern("POST", "/v1/linked-accounts/{id}/refresh").specificity());
    }

    @Test
    void queryStrings_decodeAndJoinRepeatsWithCommas() {
        assertThat(QueryStrings.parse("a=1&b=x+y&a=2&c=%E2%9C%93&flag"))
                .containsEntry("a", "1,2").containsEntry("b", "x y").containsEntry("c", "✓").containsEntry("flag", "");
        assertThat(QueryStrings.parse(null)).isEmpty();
    }

    @Test
    void paths_decodePercentButNotPlus_andKeepBadEscapes() {
        assertThat(QueryStrings.percentDecode("/v1/a%20b+c", false)).isEqualTo("/v1/a b+c");
        assertThat(QueryStrings.percentDecode("/v1/100%", false)).isEqualTo("/v1/100%");
        assertThat(QueryStrings.percentDecode("/v1/%zz", false)).isEqualTo("/v1/%zz");
    }

    @Test
    void rateExpressions_becomeIntervals_andCronIsRefused() {
        assertThat(ScheduleRunner.rate("rate(1 minute)")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ScheduleRunner.rate("rate(5 minutes)")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ScheduleRunner.rate("rate(2 hours)")).isEqualTo(Duration.ofHours(2));
        assertThat(ScheduleRunner.rate("rate(1 day)")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> ScheduleRunner.rate("cron(0 12 * * ? *)"))
                .hasMessageContaining("rate(...)");
    }
}
