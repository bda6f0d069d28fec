package io.lifeboat.providers.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** {@code aws:iam/role:Role}: a role (global, named uniquely) and the managed policies attached to it; its id is its name. */
final class IamRoleType extends AwsType {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS_MANAGED = "arn:aws:iam::aws:policy/";

    IamRoleType(AwsClients aws) {
        super(AwsSchemas.IAM_ROLE, aws);
    }

    private IamClient iam() {
        return aws.iam();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String name = str(in, "name");
        AwsCall.run("CreateRole", () -> iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(str(in, "assumeRolePolicy"))
                .description(str(in, "description")).tags(tags(markedTags(in, urn)))));
        for (String arn : strings(in, "managedPolicyArns")) attach(name, arn, ctx);
        return created(name, in, ctx);
    }

    private void attach(String name, String policy, OperationContext ctx) throws ProviderException {
        try {
            poll.consistent(ctx, "attaching " + policy + " to role " + name, () -> AwsCall.run("AttachRolePolicy",
                    () -> iam().attachRolePolicy(r -> r.roleName(name).policyArn(policy))));
        } catch (ProviderException e) {
            // an emulator may not know AWS's managed policies (AWS itself always does): the role is made without it
            if (e.kind() != ProviderException.Kind.NOT_FOUND || aws.settings().endpoint() == null || !policy.startsWith(AWS_MANAGED)) throw e;
            if (ctx != null) ctx.progress().accept("the endpoint does not know " + policy + "; role " + name + " is made without it");
        }
    }

    private static List<Tag> tags(Map<String, String> map) {
        return tagList(map, (k, v) -> Tag.builder().key(k).value(v).build());
    }

    private Map<String, String> tagsOf(String name) throws ProviderException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : AwsCall.run("ListRoleTags", () -> iam().listRoleTags(r -> r.roleName(name)).tags())) out.put(t.key(), t.value());
        return out;
    }

    private List<String> attached(String name) throws ProviderException {
        List<String> out = new ArrayList<>();
        for (AttachedPolicy p : AwsCall.run("ListAttachedRolePolicies", () -> iam().listAttachedRolePolicies(r -> r.roleName(name)).attachedPolicies())) {
            out.add(p.policyArn());
        }
        return out;
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Role> found = AwsCall.find("GetRole", () -> iam().getRole(r -> r.roleName(id)).role());
        if (found.isEmpty()) return Optional.empty();
        Role role = found.get();
        List<String> policies = attached(id);
        List<String> wanted = strings(given, "managedPolicyArns");
        for (String p : wanted) if (!policies.contains(p) && unknownToEmulator(p)) policies.add(p);
        // keep the engine's order when the set is the same
        PropertyValue managed = PropertyValue.strings(sameMembers(wanted, policies));
        Props seen = Props.builder().put("name", role.roleName()).put("assumeRolePolicy", policy(role.assumeRolePolicyDocument(), str(given, "assumeRolePolicy")))
                .put("description", s(role.description())).put("managedPolicyArns", managed).put("tags", tagsValue(tagsOf(id))).build();
        return Optional.of(new View(seen, Props.builder().put("arn", role.arn()).put("uniqueId", role.roleId())
                .put("createDate", role.createDate() == null ? null : role.createDate().toString()).build()));
    }

    /** True for an AWS managed policy that the emulator the calls go to does not have (it was left out on create). */
    private boolean unknownToEmulator(String policy) throws ProviderException {
        if (aws.settings().endpoint() == null || !policy.startsWith(AWS_MANAGED)) return false;
        return AwsCall.find("GetPolicy", () -> iam().getPolicy(r -> r.policyArn(policy)).policy()).isEmpty();
    }

    /** The policy document as IAM returns it (URL-encoded JSON); the engine's text when it means the same. */
    static String policy(String returned, String given) {
        if (returned == null) return null;
        String doc = returned.trim().startsWith("{") ? returned : URLDecoder.decode(returned, StandardCharsets.UTF_8);
        if (given == null) return doc;
        try {
            return JSON.readTree(doc).equals(JSON.readTree(given)) ? given : doc;
        } catch (java.io.IOException e) {
            return doc;
        }
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        if (!java.util.Objects.equals(str(in, "assumeRolePolicy"), str(oldOutputs, "assumeRolePolicy"))) {
            AwsCall.run("UpdateAssumeRolePolicy", () -> iam().updateAssumeRolePolicy(r -> r.roleName(id).policyDocument(str(in, "assumeRolePolicy"))));
        }
        if (!java.util.Objects.equals(str(in, "description"), str(oldOutputs, "description"))) {
            AwsCall.run("UpdateRole", () -> iam().updateRole(r -> r.roleName(id).description(str(in, "description") == null ? "" : str(in, "description"))));
        }
        List<String> now = attached(id);
        List<String> wanted = strings(in, "managedPolicyArns");
        for (String p : now) if (!wanted.contains(p)) AwsCall.run("DetachRolePolicy", () -> iam().detachRolePolicy(r -> r.roleName(id).policyArn(p)));
        for (String p : wanted) if (!now.contains(p)) attach(id, p, ctx);
        TagChange change = tagChange(oldOutputs, in);
        if (!change.removed().isEmpty()) AwsCall.run("UntagRole", () -> iam().untagRole(r -> r.roleName(id).tagKeys(change.removed())));
        if (!change.set().isEmpty()) AwsCall.run("TagRole", () -> iam().tagRole(r -> r.roleName(id).tags(tags(change.set()))));
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<List<String>> policies = AwsCall.find("ListAttachedRolePolicies", () -> attached(id));
        if (policies.isEmpty()) return;
        for (String p : policies.get()) AwsCall.delete("DetachRolePolicy", () -> iam().detachRolePolicy(r -> r.roleName(id).policyArn(p)));
        poll.whileInUse(ctx, "deleting role " + id, () -> {
            AwsCall.delete("DeleteRole", () -> iam().deleteRole(r -> r.roleName(id)));
            return null;
        });
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String name = str(clean(inputs), "name");
        if (name == null) return Optional.empty();
        Optional<Map<String, String>> tags = AwsCall.find("ListRoleTags", () -> tagsOf(name));
        return tags.isPresent() && marked(tags.get(), urn) ? Optional.of(name) : Optional.empty();
    }
}
