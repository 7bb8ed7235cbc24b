package dev.moddesk.server.core;

/**
 * A route's logic. Runs only after the registry has authenticated and authorised the caller and parsed the body.
 * Return the response body (sent as JSON with the route's first declared status), null for "no content", or a
 * {@link Reply}; throw {@link ProblemException} for an error.
 */
@FunctionalInterface
public interface RouteHandler {
    Object handle(Call call) throws Exception;
}
