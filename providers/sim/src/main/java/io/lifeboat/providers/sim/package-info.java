/**
 * The embedded simulated cloud: the aws package's types at the provider SPI
 * ({@link io.lifeboat.providers.sim.SimProviderFactory}, plugin name {@code sim}), over a
 * multi-region cloud persisted on disk, and its console ({@link io.lifeboat.providers.sim.SimAdmin}).
 *
 * <p>On disk, under {@code <workDir>/.lifeboat/sim/regions/<region>/} (IAM in {@code global}):
 * <pre>
 * region.json                    outage flag and since when, faults set through the console
 * objects.log                    a header naming the log's generation, then one JSON line per
 *                                object as written or removed; rewritten with the live objects
 *                                only once it is mostly history (and past 4 MB)
 * .lock                          locked while a call checks and changes the region
 * </pre>
 * Each instance keeps an index of the log in memory and reads only what was appended since it
 * last looked; a region an earlier version wrote as {@code objects/<type>/<id>.json} files is
 * read from them and moved into a log by its first write.
 * How it behaves (latency profile, faults, seed, account, quotas) is in
 * {@link io.lifeboat.providers.sim.SimSettings}.
 */
package io.lifeboat.providers.sim;
