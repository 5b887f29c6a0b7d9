package dev.keyway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void newId_hasPrefixAnd128BitsOfBase32() {
        String id = Ids.newId("la");
        assertThat(id).matches("la_[a-z2-7]{26}");
    }

    @Test
    void newToken_carriesTheRequestedRandomness() {
        // 32 bytes = 256 bits -> 52 base32 characters
        assertThat(Ids.newToken("sk_live_", 32)).matches("sk_live_[a-z2-7]{52}");
    }

    @Test
    void ids_doNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.newId("x"))).isTrue();
        }
    }

    @Test
    void base32_matchesRfc4648Alphabet() {
        assertThat(Ids.base32("foobar".getBytes())).isEqualTo("mzxw6ytboi");
    }
}
