package io.lifeboat.providers.sim.aws;

import java.util.Objects;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimType;

/** A type of the aws package on the simulated cloud: its schema is {@link AwsSchemas}', and it reads ARNs and VPC ids as AWS writes them. */
abstract class AwsSimType extends SimType {
    protected AwsSimType(String token) {
        super(Objects.requireNonNull(AwsSchemas.get(token), "no schema for " + token));
    }

    protected AwsSimType(io.lifeboat.provider.TypeSchema schema) {
        super(schema);
    }

    /** AWS keeps tag keys that start with {@code aws:} for itself. */
    @Override
    protected String reservedTagPrefix() {
        return "aws:";
    }

    /** The region named in an ARN ({@code arn:aws:rds:us-east-1:…}); null when it is not one. */
    protected static String arnRegion(String arn) {
        if (arn == null) return null;
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") ? parts[3] : null;
    }

    /** The last part of an ARN's resource ({@code …:db:name} → name, {@code …:role/name} → name). */
    protected static String arnName(String arn) {
        if (arn == null) return null;
        String[] parts = arn.split(":", 6);
        if (parts.length != 6) return null;
        String resource = parts[5];
        int cut = Math.max(resource.lastIndexOf(':'), resource.lastIndexOf('/'));
        return resource.substring(cut + 1);
    }

    protected static String vpcIdOf(SimObject o) {
        if (o == null) return null;
        return o.type().equals(AwsSchemas.VPC) ? o.id() : o.inputs().string("vpcId");
    }
}
