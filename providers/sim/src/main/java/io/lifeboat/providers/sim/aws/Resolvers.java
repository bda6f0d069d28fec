package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.*;

import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimObject;

/** How values that are not plain ids of the same region find their object. */
final class Resolvers {
    private Resolvers() {
    }

    /** A route table, or the VPC whose main route table has that id. */
    static final Reference.Resolver ROUTE_TABLE_OR_MAIN = (scope, value) -> {
        SimObject rtb = scope.find(ROUTE_TABLE, value);
        if (rtb != null) return rtb;
        for (SimObject vpc : scope.live(VPC)) {
            if (value.equals(vpc.computed().string("mainRouteTableId"))) return vpc;
        }
        return null;
    };

    /** A security group, or the VPC whose default security group has that id. */
    static final Reference.Resolver SECURITY_GROUP_OR_DEFAULT = (scope, value) -> {
        SimObject sg = scope.find(SECURITY_GROUP, value);
        if (sg != null) return sg;
        for (SimObject vpc : scope.live(VPC)) {
            if (value.equals(vpc.computed().string("defaultSecurityGroupId"))) return vpc;
        }
        return null;
    };

    /** An IAM role by its ARN ({@code arn:aws:iam::<account>:role/<name>}). */
    static final Reference.Resolver ROLE_BY_ARN = (scope, value) -> {
        int cut = value.indexOf(":role/");
        if (!value.startsWith("arn:aws:iam::") || cut < 0) return null;
        String name = value.substring(value.lastIndexOf('/') + 1);
        SimObject role = scope.find(SimCloud.GLOBAL, IAM_ROLE, name);
        return role != null && value.equals(role.computed().string("arn")) ? role : null;
    };

    /** An RDS instance by its ARN, in whatever region the ARN names. */
    static final Reference.Resolver DB_INSTANCE_BY_ARN = (scope, value) -> {
        String[] parts = value.split(":", 7);
        if (parts.length != 7 || !parts[0].equals("arn") || !parts[2].equals("rds") || !parts[5].equals("db")) return null;
        if (!SimCloud.validRegionName(parts[3])) return null;
        return scope.find(parts[3], DB_INSTANCE, parts[6]);
    };

    /** A secret by its ARN or its name. */
    static final Reference.Resolver SECRET_BY_ARN_OR_NAME = (scope, value) -> {
        SimObject byArn = scope.find(SECRET, value);
        if (byArn != null) return byArn;
        for (SimObject s : scope.live(SECRET)) {
            if (value.equals(s.inputs().string("name"))) return s;
        }
        return null;
    };
}
