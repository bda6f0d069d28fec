package io.lifeboat.program.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.lifeboat.program.Schemas;
import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** Pulumi's auto-naming of the physical names a program leaves out, as the engine's side of Check does it. */
class AutoNamesTest {
    final AutoNames names = new AutoNames(Schemas::get, new Random(7));

    @Test
    void aMissingNameIsTheResourceNameAndSevenRandomHexDigits() {
        Props in = Props.builder().put("vpcId", "vpc-1").build();
        Props out = names.fill(AwsSchemas.SECURITY_GROUP, "db", in, null);
        assertThat(out.string("name")).matches("db-[0-9a-f]{7}");
        assertThat(out.string("vpcId")).isEqualTo("vpc-1");
        assertThat(names.fill(AwsSchemas.SECURITY_GROUP, "db", in, null).string("name")).as("a new one each time").isNotEqualTo(out.string("name"));
    }

    @Test
    void theNameTheStateRecordsIsKeptSoALaterRunChangesNothing() {
        Props recorded = Props.builder().put("name", "db-0a1b2c3").put("vpcId", "vpc-1").build();
        assertThat(names.fill(AwsSchemas.SECURITY_GROUP, "db", Props.builder().put("vpcId", "vpc-1").build(), recorded).string("name"))
                .isEqualTo("db-0a1b2c3");
    }

    @Test
    void aNameTheProgramGivesIsItsOwn() {
        Props in = Props.builder().put("name", "lifeboat-example/api-key").build();
        assertThat(names.fill(AwsSchemas.SECRET, "api-key", in, Props.builder().put("name", "other").build())).isEqualTo(in);
        Props unknown = Props.builder().put("name", PropertyValue.UNKNOWN).build();
        assertThat(names.fill(AwsSchemas.SECRET, "api-key", unknown, null)).as("an unknown name is the program's, known later").isEqualTo(unknown);
    }

    @Test
    void rdsIdentifiersAreLowercaseAndFitTheirLimit() {
        String id = names.fill(AwsSchemas.DB_INSTANCE, "Orders-DB", Props.EMPTY, null).string("identifier");
        assertThat(id).matches("orders-db-[0-9a-f]{7}");
        String longOne = names.fill(AwsSchemas.DB_INSTANCE, "d".repeat(80), Props.EMPTY, null).string("identifier");
        assertThat(longOne).hasSize(63).matches("d{55}-[0-9a-f]{7}");
        assertThat(names.fill(AwsSchemas.DB_SUBNET_GROUP, "DB", Props.EMPTY, null).string("name")).matches("db-[0-9a-f]{7}");
        assertThat(names.fill(AwsSchemas.SECURITY_GROUP, "DB", Props.EMPTY, null).string("name")).as("EC2 allows capitals").matches("DB-[0-9a-f]{7}");
    }

    @Test
    void onlyNamesAreFilledNotOtherUniqueInputsNorTypesWithoutSchema() {
        // a route's destination and a NAT gateway's allocation are unique, but not names Pulumi makes up
        assertThat(names.fill(AwsSchemas.ROUTE, "r", Props.EMPTY, null)).isEqualTo(Props.EMPTY);
        assertThat(names.fill(AwsSchemas.NAT_GATEWAY, "nat", Props.EMPTY, null)).isEqualTo(Props.EMPTY);
        assertThat(names.fill(AwsSchemas.VPC, "main", Props.EMPTY, null)).isEqualTo(Props.EMPTY);
        assertThat(names.fill("acme:index/thing:Thing", "t", Props.EMPTY, null)).isEqualTo(Props.EMPTY);
    }
}
