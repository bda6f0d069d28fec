package io.lifeboat.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a resource holds on to another (is replaced with it when it goes first) or only copies a value of it. */
class GoalLinksTest {
    static final Urn NETWORK = new Urn("dev", "p", "t:net:Network", "net");

    static Goal referring(String property) {
        Props inputs = new Props(java.util.Map.of("network", new PropertyValue.Ref(NETWORK, property)));
        return new Goal(new Urn("dev", "p", "t:sub:Subnet", "sub"), true, inputs, ResourceOptions.NONE, null);
    }

    @ParameterizedTest
    @CsvSource({"id,true", "arn,true", "name,true", "selfLink,true", "vpcId,true", "roleArn,true", "clusterName,true",
            "networkSelfLink,true", "endpoint,false", "version,false", "cidrBlock,false"})
    void aReferenceToWhatNamesTheObjectLinksToIt(String property, boolean links) {
        assertThat(referring(property).linksTo(NETWORK)).isEqualTo(links);
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void aParentOrAnExplicitDependencyAlwaysLinks(boolean parent) {
        ResourceOptions o = parent ? ResourceOptions.NONE.withParent(NETWORK) : ResourceOptions.NONE.withDependsOn(List.of(NETWORK));
        Goal g = new Goal(new Urn("dev", "p", "t:sub:Subnet", "sub"), true, Props.EMPTY, o, null);
        assertThat(g.linksTo(NETWORK)).isTrue();
    }
}
