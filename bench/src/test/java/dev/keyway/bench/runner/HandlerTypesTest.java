package dev.keyway.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerTypesTest {

    abstract static class Base implements RequestHandler<Map<String, Object>, List<String>> {
    }

    static final class Subclass extends Base {
        @Override
        public List<String> handleRequest(Map<String, Object> input, Context context) {
            return List.of();
        }
    }

    static final class Direct implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String input, Context context) {
            return 0;
        }
    }

    abstract static class Generic<I> implements RequestHandler<I, String> {
    }

    static final class ThroughTypeVariable extends Generic<String> {
        @Override
        public String handleRequest(String input, Context context) {
            return input;
        }
    }

    @Test
    void requestHandlerTypes_ofADirectImplementation_areItsTypeArguments() {
        assertThat(HandlerTypes.requestHandlerTypes(Direct.class)).containsExactly(String.class, Integer.class);
    }

    @Test
    void requestHandlerTypes_areFoundOnASuperclass_likeConnectorsHandlerExtendingApiHandler() {
        var types = HandlerTypes.requestHandlerTypes(Subclass.class);

        assertThat(types[0]).isInstanceOf(ParameterizedType.class);
        assertThat(((ParameterizedType) types[0]).getRawType()).isEqualTo(Map.class);
        assertThat(((ParameterizedType) types[1]).getRawType()).isEqualTo(List.class);
    }

    @Test
    void requestHandlerTypes_throughATypeVariable_areRefusedWithTheReason() {
        assertThatThrownBy(() -> HandlerTypes.requestHandlerTypes(ThroughTypeVariable.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type variable");
    }

    @Test
    void requestHandlerTypes_ofANonHandler_sayWhatIsMissing() {
        assertThatThrownBy(() -> HandlerTypes.requestHandlerTypes(String.class))
                .hasMessage("java.lang.String does not implement RequestHandler<I, O>");
    }
}
