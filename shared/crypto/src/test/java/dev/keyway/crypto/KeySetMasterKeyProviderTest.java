package dev.keyway.crypto;

import dev.keyway.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the per-container key set cache reads, reloads and refreshes. */
class KeySetMasterKeyProviderTest {
    private static final EncryptionContext CONTEXT = new EncryptionContext("app_1", "la_1", "oauth2_tokens");

    private final KeySet k1Only = KeySetRotation.initial();
    private final KeySet k1AndK2 = KeySetRotation.rotate(k1Only);
    private final InMemoryKeySetSource source = new InMemoryKeySetSource(k1Only);
    private final MutableClock clock = new MutableClock();
    private final CredentialCipher cipher = new CredentialCipher(
            new KeySetMasterKeyProvider(source, clock, Duration.ofSeconds(5), Duration.ofMinutes(15)));

    @Test
    void constructor_readsNothingSoSnapStartCapturesNoKey() {
        new CredentialCipher(new KeySetMasterKeyProvider(source));

        assertThat(source.loads()).isZero();
    }

    @Test
    void encryptAndDecrypt_readTheKeySetOncePerContainer() {
        for (int i = 0; i < 20; i++) {
            cipher.decrypt(cipher.encrypt("secret", CONTEXT), CONTEXT);
        }

        assertThat(source.loads()).isEqualTo(1);
    }

    @Test
    void decrypt_reloadsWhenACiphertextNamesANewKey() {
        // GIVEN a container that cached {k1}, and another container writing under k2 after a rotation
        cipher.encrypt("warm the cache", CONTEXT);
        source.save(k1AndK2);
        String underK2 = cipherOver(k1AndK2).encrypt("secret", CONTEXT);

        // WHEN the first container reads the k2 ciphertext
        String plaintext = cipher.decrypt(underK2, CONTEXT);

        // THEN it reloaded once and decrypted, and now also writes under k2
        assertThat(plaintext).isEqualTo("secret");
        assertThat(source.loads()).isEqualTo(2);
        assertThat(cipher.primaryKeyId()).isEqualTo("k2");
    }

    @Test
    void decrypt_reloadsOnlyOnceWhenManyThreadsMeetTheNewKeyTogether() throws Exception {
        // GIVEN a cache holding {k1}, a source that now has k2 and reads slowly
        cipher.encrypt("warm the cache", CONTEXT);
        source.save(k1AndK2);
        source.delayMillis(200);
        String underK2 = cipherOver(k1AndK2).encrypt("secret", CONTEXT);

        // WHEN 8 threads decrypt k2 ciphertexts at the same moment
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return cipher.decrypt(underK2, CONTEXT);
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // THEN all succeed after one reload, not eight
        for (Future<String> result : results) {
            assertThat(result.get()).isEqualTo("secret");
        }
        assertThat(source.loads()).isEqualTo(2);
    }

    @Test
    void decrypt_reloadsForAnUnknownKeyAtMostOncePerInterval() {
        // GIVEN a ciphertext naming k9, which no key set has
        String underK9 = cipher.encrypt("secret", CONTEXT).replaceFirst("^v1\\.k1\\.", "v1.k9.");

        // WHEN it is decrypted again and again
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> cipher.decrypt(underK9, CONTEXT))
                    .isInstanceOf(DecryptionException.class)
                    .hasMessage("unknown master key id k9");
        }

        // THEN the source was read once at first use and once to look for k9
        assertThat(source.loads()).isEqualTo(2);

        // AND once the interval has passed it is looked for again
        clock.advance(Duration.ofSeconds(6));
        assertThatThrownBy(() -> cipher.decrypt(underK9, CONTEXT)).isInstanceOf(DecryptionException.class);
        assertThat(source.loads()).isEqualTo(3);
    }

    @Test
    void encrypt_picksUpANewPrimaryOnceTheCacheIsOld() {
        // GIVEN a container that cached {k1}, and a rotation it has not seen
        cipher.encrypt("warm the cache", CONTEXT);
        source.save(k1AndK2);

        // WHEN it writes before and after the maximum cache age
        String before = cipher.encrypt("secret", CONTEXT);
        clock.advance(Duration.ofMinutes(16));
        String after = cipher.encrypt("secret", CONTEXT);

        // THEN it switches to k2 only after the refresh
        assertThat(CredentialCipher.keyIdOf(before)).isEqualTo("k1");
        assertThat(CredentialCipher.keyIdOf(after)).isEqualTo("k2");
    }

    @Test
    void encrypt_keepsTheCachedKeysWhenARefreshFails() {
        // GIVEN an old cache and a source that has started failing
        cipher.encrypt("warm the cache", CONTEXT);
        clock.advance(Duration.ofMinutes(16));
        source.failing(true);

        // WHEN the container keeps working
        String ciphertext = cipher.encrypt("secret", CONTEXT);
        String again = cipher.encrypt("secret", CONTEXT);

        // THEN it still encrypts and decrypts with the known keys, and retries only after the short interval
        assertThat(cipher.decrypt(ciphertext, CONTEXT)).isEqualTo("secret");
        assertThat(cipher.decrypt(again, CONTEXT)).isEqualTo("secret");
        assertThat(source.loads()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(6));
        cipher.encrypt("secret", CONTEXT);
        assertThat(source.loads()).isEqualTo(3);
    }

    @Test
    void encrypt_failsAsRetryableWhenTheKeySetCannotBeReadAtAll() {
        source.failing(true);

        assertThatThrownBy(() -> cipher.encrypt("secret", CONTEXT))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void decrypt_reportsAFailedReloadAsRetryableNotAsUnknownKey() {
        // GIVEN a warm cache and a source that fails when the reload is needed
        cipher.encrypt("warm the cache", CONTEXT);
        String underK2 = cipherOver(k1AndK2).encrypt("secret", CONTEXT);
        source.failing(true);

        // WHEN a k2 ciphertext is read twice
        assertThatThrownBy(() -> cipher.decrypt(underK2, CONTEXT)).isInstanceOf(KeywayException.class);

        // THEN the second attempt tries again and succeeds once the source is back
        source.failing(false);
        source.save(k1AndK2);
        assertThat(cipher.decrypt(underK2, CONTEXT)).isEqualTo("secret");
    }

    private static CredentialCipher cipherOver(KeySet keySet) {
        return new CredentialCipher(new KeySetMasterKeyProvider(new InMemoryKeySetSource(keySet)));
    }
}
