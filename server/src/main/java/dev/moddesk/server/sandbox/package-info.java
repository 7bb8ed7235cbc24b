/**
 * Sandbox mode ({@code --sandbox}): {@link dev.moddesk.server.sandbox.SandboxAccounts} seeds admin / ops /
 * moderator before the server listens (Main prints them). Once the server listens, {@code ModDeskServer} starts
 * {@link dev.moddesk.server.sandbox.PlatformSimulator} through {@link dev.moddesk.server.sandbox.SandboxSimulation}
 * (unless {@code --no-sim}), because only then is the real port known. The simulator talks to the server only over
 * HTTP through the ingest API and the action feed, like a real platform; the activities it plays are listed in
 * {@link dev.moddesk.server.sandbox.SandboxActivities}.
 */
package dev.moddesk.server.sandbox;
