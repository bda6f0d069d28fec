package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

/** The secrets key is the one the JDK's PBKDF2WithHmacSHA256 derives (and Pulumi's passphrase provider): same passphrase, salt and rounds. */
class SecretsKeyDerivationTest {

    private static byte[] jdk(char[] pass, byte[] salt, int rounds) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(pass, salt, rounds, 256)).getEncoded();
    }

    @Test
    void everyKindOfPassphraseGivesTheJdksKey() throws Exception {
        Random random = new Random(7);
        String[] passphrases = {"p", "bench-passphrase", "ünïcödé – пароль – 密码 – 🔑",
                "x".repeat(64), "y".repeat(65), "a passphrase much longer than the sixty-four bytes of one SHA-256 block, hashed first"};
        for (String pass : passphrases) {
            for (int saltLength : new int[] {8, 16, 1}) {
                byte[] salt = new byte[saltLength];
                random.nextBytes(salt);
                for (int rounds : new int[] {1, 2, 3, 1000}) {
                    assertThat(SecretsCrypter.derive(pass.toCharArray(), salt, rounds))
                            .as("%s, a salt of %d bytes, %d rounds", pass, saltLength, rounds)
                            .isEqualTo(jdk(pass.toCharArray(), salt, rounds));
                }
            }
        }
    }

    @Test
    void theMillionRoundsOfAStateGiveTheJdksKey() throws Exception {
        byte[] salt = "8 bytes!".getBytes(StandardCharsets.US_ASCII);
        char[] pass = "correct horse battery staple".toCharArray();
        assertThat(SecretsCrypter.derive(pass, salt, 1_000_000)).isEqualTo(jdk(pass, salt, 1_000_000));
    }
}
