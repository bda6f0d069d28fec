/**
 * The rules of the aws package's types on the simulated cloud, one class per type token of
 * {@link io.lifeboat.program.aws.AwsSchemas}: ids shaped like the real ones, the checks and error
 * codes of the real services, the outputs they compute.
 */
package io.lifeboat.providers.sim.aws;
