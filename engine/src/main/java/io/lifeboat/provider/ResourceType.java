package io.lifeboat.provider;

import java.util.List;
import java.util.Optional;

import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * One resource type of a provider, such as {@code aws:ec2/vpc:Vpc}: the CRUD calls the engine
 * makes. Implementations are small classes, one per type; inputs reach them with secrets
 * revealed, and they return outputs that the engine marks secret again where the schema says so.
 */
public interface ResourceType {

    TypeSchema schema();

    default String token() {
        return schema().token();
    }

    /** Validates new inputs against the schema; the failures are messages naming the property. */
    default List<String> check(Props inputs) {
        List<String> failures = new java.util.ArrayList<>();
        for (String name : schema().missingInputs(inputs.keySet())) failures.add(name + " is required");
        for (String name : schema().unknownInputs(inputs.keySet())) failures.add(name + " is not an input of " + token());
        return failures;
    }

    /** Creates the object; returns its id and outputs. Tags carry the idempotency mark. */
    Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException;

    /**
     * Reads the object as it is now, in the terms of its inputs (so that the engine can see what
     * changed behind its back) and its outputs; empty when it is gone.
     */
    Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) throws ProviderException;

    /** Updates in place the properties that changed; returns the new outputs. */
    Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException;

    /** Deletes the object; an object already gone is not an error. */
    void delete(String id, Props outputs, OperationContext ctx) throws ProviderException;

    /** Finds the object a create with this URN made, through the idempotency mark; empty if none. */
    default Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        return Optional.empty();
    }

    /**
     * Every object of this type in the provider's region, with the URN its idempotency mark names
     * (null for one made outside Lifeboat): how hand-made routes and rules are found. Types that
     * cannot be listed return an empty list.
     */
    default List<Listed> list(OperationContext ctx) throws ProviderException {
        return List.of();
    }

    record Created(String id, Props outputs) {
    }

    record Listed(String id, Props inputs, String urn) {
    }

    record Observed(Props inputs, Props outputs) {
    }
}
