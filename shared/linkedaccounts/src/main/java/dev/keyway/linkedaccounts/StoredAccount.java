package dev.keyway.linkedaccounts;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A linked account as read, with its raw item (which holds the ciphertexts) for trusted decryption. */
public record StoredAccount(LinkedAccount account, Map<String, AttributeValue> item) {
    @Override
    public String toString() {
        return "StoredAccount[" + account.id() + "]";
    }
}
