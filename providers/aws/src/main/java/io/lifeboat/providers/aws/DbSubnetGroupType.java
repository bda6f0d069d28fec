package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.Subnet;

/** {@code aws:rds/subnetGroup:SubnetGroup}: the subnets a database may use; its id is its name. */
final class DbSubnetGroupType extends AwsType {
    private static final String DEFAULT_DESCRIPTION = "Managed by Lifeboat";

    DbSubnetGroupType(AwsClients aws) {
        super(AwsSchemas.DB_SUBNET_GROUP, aws);
    }

    private RdsClient rds() {
        return aws.rds();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String name = str(in, "name");
        poll.consistent(ctx, "creating DB subnet group " + name, () -> AwsCall.run(in("CreateDBSubnetGroup"), () -> rds().createDBSubnetGroup(r -> r
                .dbSubnetGroupName(name).dbSubnetGroupDescription(description(in)).subnetIds(strings(in, "subnetIds"))
                .tags(RdsTags.of(markedTags(in, urn))))));
        return created(name, in, ctx);
    }

    private static String description(Props in) {
        return str(in, "description") == null ? DEFAULT_DESCRIPTION : str(in, "description");
    }

    private Optional<DBSubnetGroup> describe(String name) throws ProviderException {
        return AwsCall.find(in("DescribeDBSubnetGroups"), () -> rds().describeDBSubnetGroups(r -> r.dbSubnetGroupName(name)).dbSubnetGroups()
                .stream().findFirst().orElse(null));
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<DBSubnetGroup> found = describe(id);
        if (found.isEmpty()) return Optional.empty();
        DBSubnetGroup g = found.get();
        List<String> subnets = new ArrayList<>();
        for (Subnet s : g.subnets()) subnets.add(s.subnetIdentifier());
        List<String> givenSubnets = strings(given, "subnetIds");
        Props.Builder seen = Props.builder().put("name", g.dbSubnetGroupName())
                .put("subnetIds", PropertyValue.strings(sameMembers(givenSubnets, subnets)))
                .put("tags", tagsValue(RdsTags.read(rds(), g.dbSubnetGroupArn(), aws.region())));
        if (given.containsKey("description") || !DEFAULT_DESCRIPTION.equals(g.dbSubnetGroupDescription())) {
            seen.put("description", g.dbSubnetGroupDescription());
        }
        return Optional.of(new View(seen.build(), Props.builder().put("arn", g.dbSubnetGroupArn()).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        AwsCall.run(in("ModifyDBSubnetGroup"), () -> rds().modifyDBSubnetGroup(r -> r.dbSubnetGroupName(id)
                .dbSubnetGroupDescription(description(in)).subnetIds(strings(in, "subnetIds"))));
        RdsTags.update(rds(), str(oldOutputs, "arn"), tagChange(oldOutputs, in), aws.region());
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        deleteInUse(ctx, "deleting DB subnet group " + id, "DeleteDBSubnetGroup", () -> rds().deleteDBSubnetGroup(r -> r.dbSubnetGroupName(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String name = str(clean(inputs), "name");
        if (name == null) return Optional.empty();
        Optional<DBSubnetGroup> g = describe(name);
        return g.isPresent() && marked(RdsTags.read(rds(), g.get().dbSubnetGroupArn(), aws.region()), urn) ? Optional.of(name) : Optional.empty();
    }
}
