/**
 * The {@code aws} provider plugin: the aws package's types on real AWS (or an AWS-compatible
 * emulator reached through a stack's {@code endpoint:}) with the AWS SDK for Java v2, one class
 * per type, sharing {@code AwsSchemas} with the sim; and the {@code s3://} state backend.
 */
package io.lifeboat.providers.aws;
