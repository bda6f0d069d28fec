package io.lifeboat.providers.gcp;

import java.util.Map;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.providers.gcp.fake.FakeGcp;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** The fakes, with gcp providers opened on them for project {@value FakeGcp#PROJECT}, polling fast. */
final class GcpFakes extends FakeGcp {
    static final String PEER_PROJECT = "acme-corp-network";

    GcpFakes() throws Exception {
        System.setProperty(GcpSettings.POLL_PROPERTY, "5");
    }

    GcpProvider provider(String region) throws Exception {
        return (GcpProvider) new GcpProviderFactory().open(new ProviderConfig("gcp", region, endpoint(), null, Map.of(),
                Props.builder().put("project", PROJECT).build()));
    }

    static OperationContext ctx(Urn urn) {
        return OperationContext.of(urn, java.time.Duration.ofSeconds(30));
    }

    static Urn urn(String type, String name) {
        return new Urn("gcp-usc1", "lifeboat", type, name);
    }

    /** Creates a resource of {@code token} named {@code name} through {@code p}, as the engine would. */
    static io.lifeboat.provider.ResourceType.Created make(GcpProvider p, String token, String name, Props in)
            throws io.lifeboat.provider.ProviderException {
        Urn urn = urn(token, name);
        return p.type(token).create(urn, in, ctx(urn));
    }
}
