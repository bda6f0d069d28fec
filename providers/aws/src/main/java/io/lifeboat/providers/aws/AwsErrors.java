package io.lifeboat.providers.aws;

import java.util.Set;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the SDK throws into the SPI's typed errors, by the service's error code. */
public final class AwsErrors {
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException:Throttling",
            "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "ThrottlingFault");
    private static final Set<String> TRANSIENT = Set.of("InternalError", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException",
            "ServerException", "InternalServerError", "InternalServiceError", "InternalServiceErrorException", "RequestTimeout",
            "RequestTimeoutException", "Unavailable", "IDPCommunicationError");
    private static final Set<String> NOT_FOUND = Set.of("NoSuchEntity", "NoSuchBucket", "NoSuchKey", "NotFound", "NotFoundException",
            "ResourceNotFoundException", "ResourceNotFound", "DBInstanceNotFound", "DBSubnetGroupNotFoundFault", "DBSnapshotNotFound",
            "DBInstanceAutomatedBackupNotFound", "RepositoryNotFoundException", "InvalidAllocationID.NotFound", "InvalidRoute.NotFound",
            "InvalidAssociationID.NotFound", "InvalidPermission.NotFound", "InvalidGroup.NotFound", "NatGatewayNotFound");
    private static final Set<String> PERMISSION = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthFailure",
            "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "OptInRequired", "AuthorizationError", "UnauthorizedException");
    private static final Set<String> CONFLICT = Set.of("DependencyViolation", "ResourceInUseException", "ResourceInUse",
            "InvalidDBInstanceState", "InvalidDBInstanceStateFault", "InvalidDBSubnetGroupStateFault", "ResourceExistsException",
            "EntityAlreadyExists", "DeleteConflict", "ConcurrentModification", "ConcurrentModificationException", "RepositoryAlreadyExistsException",
            "RepositoryNotEmptyException", "InvalidRequestException", "IncorrectState", "InvalidStateException", "PreconditionFailed",
            "ConditionalRequestConflict", "OperationAborted", "RouteAlreadyExists", "InvalidPermission.Duplicate", "InvalidGroup.Duplicate",
            "InvalidStateTransition", "InvalidVpcPeeringConnectionID.InvalidState");

    private AwsErrors() {
    }

    /** The typed error for a failed call; {@code what} says which call, on what ("CreateVpc in us-east-1"). */
    public static ProviderException map(String what, SdkException e) {
        if (e instanceof AwsServiceException se) {
            String code = se.awsErrorDetails() != null ? se.awsErrorDetails().errorCode() : null;
            String message = se.awsErrorDetails() != null && se.awsErrorDetails().errorMessage() != null
                    ? se.awsErrorDetails().errorMessage() : se.getMessage();
            int status = se.statusCode();
            if (code == null) code = "HTTP" + status;
            return new ProviderException(kind(code, status, se.isThrottlingException()), code, what + ": " + code + ": " + message, e);
        }
        if (e instanceof SdkClientException) {
            return new ProviderException(Kind.UNAVAILABLE, "EndpointConnectionError", what + ": cannot reach the service: " + e.getMessage(), e);
        }
        return new ProviderException(Kind.TRANSIENT, "SdkError", what + ": " + e.getMessage(), e);
    }

    static Kind kind(String code, int status, boolean sdkSaysThrottled) {
        if (THROTTLING.contains(code) || sdkSaysThrottled || status == 429) return Kind.THROTTLED;
        if (TRANSIENT.contains(code) || status >= 500) return Kind.TRANSIENT;
        if (NOT_FOUND.contains(code) || code.endsWith(".NotFound") || code.endsWith("NotFoundFault") || code.endsWith("NotFound")
                || code.endsWith("NotFoundException")) {
            return Kind.NOT_FOUND;
        }
        if (PERMISSION.contains(code) || status == 401 || status == 403) return Kind.PERMISSION;
        if (CONFLICT.contains(code) || code.contains("AlreadyExists") || code.endsWith(".Duplicate") || code.endsWith("InvalidState")
                || code.endsWith(".Conflict") || code.endsWith(".InUse") || code.equals("Resource.AlreadyAssociated")
                || status == 409 || status == 412) {
            return Kind.CONFLICT;
        }
        if (code.contains("LimitExceeded") || code.contains("QuotaExceeded") || code.endsWith("QuotaExceededFault")) return Kind.QUOTA;
        return Kind.INVALID_INPUT;
    }
}
