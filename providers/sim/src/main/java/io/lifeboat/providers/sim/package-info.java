/**
 * The embedded simulated cloud: the aws package's types at the provider SPI
 * ({@link io.lifeboat.providers.sim.SimProviderFactory}, plugin name {@code sim}), over a
 * multi-region cloud persisted on disk, and its console ({@link io.lifeboat.providers.sim.SimAdmin}).
 *
 * <p>On disk, under {@code <workDir>/.lifeboat/sim/regions/<region>/} (IAM in {@code global}):
 * <pre>
 * region.json                    outage flag and since when, faults set through the console
 * objects/&lt;type&gt;/&lt;id&gt;.json       one file per object (type aws.ec2.vpc, id percent-encoded)
 * changes.log                    one line per object file changed, for other instances' indexes
 * .lock                          locked while a call checks and changes the region
 * </pre>
 * How it behaves (latency profile, faults, seed, account, quotas) is in
 * {@link io.lifeboat.providers.sim.SimSettings}.
 */
package io.lifeboat.providers.sim;
