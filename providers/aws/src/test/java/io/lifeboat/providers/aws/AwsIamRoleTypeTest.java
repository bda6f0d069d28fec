package io.lifeboat.providers.aws;

import static io.lifeboat.providers.aws.FakeAws.Reply.query;
import static io.lifeboat.providers.aws.FakeAws.Reply.queryError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** IAM roles on the query protocol: the mark on create, policies attached, the document IAM returns URL-encoded. */
class AwsIamRoleTypeTest {
    private static final Urn URN = new Urn("prod-use1", "data-platform", AwsSchemas.IAM_ROLE, "cluster-role");
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"eks.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    private static final String EKS_POLICY = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy";
    private final FakeAws fake = AwsTestServers.fake();

    @AfterEach
    void stop() {
        fake.close();
    }

    private void roleExists(String... attached) {
        // IAM returns the document URL-encoded, and formatted its own way
        String doc = URLEncoder.encode(POLICY.replace(",", ", "), StandardCharsets.UTF_8);
        fake.on("GetRole", query("GetRole", FakeAws.IAM, "<Role><RoleName>prod-use1-eks-cluster</RoleName><RoleId>AROAEXAMPLE</RoleId>"
                + "<Arn>arn:aws:iam::123456789012:role/prod-use1-eks-cluster</Arn><Path>/</Path><CreateDate>2026-11-22T01:00:00Z</CreateDate>"
                + "<AssumeRolePolicyDocument>" + doc + "</AssumeRolePolicyDocument></Role>"));
        StringBuilder policies = new StringBuilder("<AttachedPolicies>");
        for (String p : attached) policies.append("<member><PolicyArn>").append(p).append("</PolicyArn><PolicyName>x</PolicyName></member>");
        fake.on("ListAttachedRolePolicies", query("ListAttachedRolePolicies", FakeAws.IAM, policies + "</AttachedPolicies><IsTruncated>false</IsTruncated>"));
        fake.on("ListRoleTags", query("ListRoleTags", FakeAws.IAM, "<Tags><member><Key>lifeboat:urn</Key><Value>" + URN + "</Value></member>"
                + "<member><Key>Name</Key><Value>prod-use1-cluster-role</Value></member></Tags><IsTruncated>false</IsTruncated>"));
    }

    private static Props inputs() {
        return Props.builder().put("name", "prod-use1-eks-cluster").put("assumeRolePolicy", POLICY)
                .put("managedPolicyArns", PropertyValue.strings(List.of(EKS_POLICY)))
                .put("tags", PropertyValue.fromJava(java.util.Map.of("Name", "prod-use1-cluster-role"))).build();
    }

    @Test
    void aRoleIsMadeMarkedWithItsPoliciesAndReadsBackAsAsked() throws Exception {
        fake.on("CreateRole", query("CreateRole", FakeAws.IAM, "<Role><RoleName>prod-use1-eks-cluster</RoleName></Role>"));
        // a role just made is not yet visible to the next call: eventual consistency
        fake.on("AttachRolePolicy", queryError(404, "NoSuchEntity", "The role with name prod-use1-eks-cluster cannot be found."),
                query("AttachRolePolicy", FakeAws.IAM, ""));
        roleExists(EKS_POLICY);

        ResourceType.Created made = fake.provider("us-east-1").type(AwsSchemas.IAM_ROLE).create(URN, inputs(), OperationContext.of(URN, Duration.ofSeconds(5)));

        FakeAws.Request create = fake.calls("CreateRole").get(0);
        assertThat(create.param("RoleName")).isEqualTo("prod-use1-eks-cluster");
        assertThat(create.param("AssumeRolePolicyDocument")).isEqualTo(POLICY);
        assertThat(create.params()).containsValue("lifeboat:urn").containsValue(URN.toString());
        assertThat(fake.calls("AttachRolePolicy")).hasSize(2).allSatisfy(r -> assertThat(r.param("PolicyArn")).isEqualTo(EKS_POLICY));
        assertThat(made.id()).isEqualTo("prod-use1-eks-cluster");
        assertThat(made.outputs().string("arn")).isEqualTo("arn:aws:iam::123456789012:role/prod-use1-eks-cluster");
        // the same document, formatted by IAM, is the one asked for: no drift
        assertThat(made.outputs().string("assumeRolePolicy")).isEqualTo(POLICY);
    }

    @Test
    void aRoleMadeBeforeACrashIsFoundByItsNameAndMark() throws Exception {
        roleExists(EKS_POLICY);

        ResourceType.Created found = fake.provider("us-east-1").type(AwsSchemas.IAM_ROLE).findByUrn(URN, inputs(),
                OperationContext.of(URN, Duration.ofSeconds(5))).orElseThrow();

        assertThat(found.id()).isEqualTo("prod-use1-eks-cluster");
        assertThat(fake.actions()).doesNotContain("CreateRole");
        Urn other = new Urn("prod-usw2", "data-platform", AwsSchemas.IAM_ROLE, "cluster-role");
        assertThat(fake.provider("us-east-1").type(AwsSchemas.IAM_ROLE).findByUrn(other, inputs(), OperationContext.of(other, Duration.ofSeconds(5))))
                .isEmpty();
    }

    @Test
    void deletingDetachesThePoliciesFirst() throws Exception {
        roleExists(EKS_POLICY);
        fake.on("DetachRolePolicy", query("DetachRolePolicy", FakeAws.IAM, ""));
        fake.on("DeleteRole", query("DeleteRole", FakeAws.IAM, ""));

        fake.provider("us-east-1").type(AwsSchemas.IAM_ROLE).delete("prod-use1-eks-cluster", Props.EMPTY, OperationContext.of(URN, Duration.ofSeconds(5)));

        assertThat(fake.actions()).containsSubsequence("DetachRolePolicy", "DeleteRole");
    }
}
