package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

class ValueJsonTest {
    @Test
    void valuesAreWholeAndSecretsNeverShow() {
        String longText = "x".repeat(300);
        PropertyValue v = new PropertyValue.Obj(Props.builder()
                .put("url", new PropertyValue.Str("https://db:5432"))
                .put("port", new PropertyValue.Num(5432))
                .put("ratio", new PropertyValue.Num(0.5))
                .put("on", new PropertyValue.Bool(true))
                .put("password", new PropertyValue.Secret(new PropertyValue.Str("hunter2")))
                .put("later", PropertyValue.UNKNOWN)
                .put("list", new PropertyValue.Arr(List.of(new PropertyValue.Str(longText), PropertyValue.NULL)))
                .build());
        assertThat(ValueJson.of(v).toString()).isEqualTo("{\"later\":null,\"list\":[\"" + longText + "\",null],\"on\":true,"
                + "\"password\":\"[secret]\",\"port\":5432,\"ratio\":0.5,\"url\":\"https://db:5432\"}");
    }
}
