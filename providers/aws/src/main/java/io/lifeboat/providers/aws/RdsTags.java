package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.provider.ProviderException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/** RDS tags, which hang off an object's ARN. */
final class RdsTags {
    private RdsTags() {
    }

    static List<Tag> of(Map<String, String> map) {
        return AwsType.tagList(map, (k, v) -> Tag.builder().key(k).value(v).build());
    }

    static Map<String, String> map(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) for (Tag t : tags) out.put(t.key(), t.value());
        return out;
    }

    static Map<String, String> read(RdsClient rds, String arn, String region) throws ProviderException {
        return map(AwsCall.run("ListTagsForResource in " + region, () -> rds.listTagsForResource(r -> r.resourceName(arn)).tagList()));
    }

    static void update(RdsClient rds, String arn, AwsType.TagChange change, String region) throws ProviderException {
        if (change.none() || arn == null) return;
        if (!change.removed().isEmpty()) {
            AwsCall.run("RemoveTagsFromResource in " + region, () -> rds.removeTagsFromResource(r -> r.resourceName(arn).tagKeys(change.removed())));
        }
        if (!change.set().isEmpty()) AwsCall.run("AddTagsToResource in " + region, () -> rds.addTagsToResource(r -> r.resourceName(arn).tags(of(change.set()))));
    }
}
