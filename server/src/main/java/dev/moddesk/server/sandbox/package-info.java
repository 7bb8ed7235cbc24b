/**
 * Sandbox mode ({@code --sandbox}): {@link dev.moddesk.server.sandbox.SandboxAccounts} seeds admin / ops /
 * moderator before the server listens (Main prints them). The platform simulator belongs here too: a
 * {@link dev.moddesk.server.core.Feature} that does nothing unless {@code services.config().sandbox()}, and that
 * talks to the server only over HTTP through the ingest API and the action feed, like a real platform.
 */
package dev.moddesk.server.sandbox;
