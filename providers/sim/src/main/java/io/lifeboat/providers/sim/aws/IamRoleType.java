package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.IAM_ROLE;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** {@code aws:iam/role:Role}: global, its name unique in the account (ignoring case), its id that name. */
final class IamRoleType extends AwsSimType {
    private static final ObjectMapper JSON = new ObjectMapper();

    IamRoleType() {
        super(IAM_ROLE);
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public String notFoundCode() {
        return "NoSuchEntity";
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (!name.matches("[\\w+=,.@-]{1,64}")) {
            throw SimErrors.invalid("ValidationError", "1 validation error detected: Value '" + name
                    + "' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ (1 to 64 characters)");
        }
        String policy = str(in, "assumeRolePolicy");
        if (!isPolicy(policy)) {
            throw SimErrors.invalid("MalformedPolicyDocument", "the assume role policy is not a JSON policy document with a Statement");
        }
        for (String arn : strings(in, "managedPolicyArns")) {
            if (!arn.matches("arn:aws:iam::(aws|\\d{12}):policy/.+")) throw SimErrors.invalid("InvalidInput", "ARN " + arn + " is not a valid policy ARN");
        }
    }

    private static boolean isPolicy(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.isObject() && n.has("Statement");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "name").toLowerCase(Locale.ROOT);
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("EntityAlreadyExists", "Role with name " + str(in, "name") + " already exists.");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "name");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder()
                .put("arn", "arn:aws:iam::" + scope.account() + ":role/" + id)
                .put("uniqueId", "AROA" + scope.ids().upperAlnum(17))
                .put("createDate", scope.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("managedPolicyArns", PropertyValue.list()).build();
    }
}
