/**
 * Sandbox mode ({@code --sandbox}): {@link dev.moddesk.server.sandbox.SandboxAccounts} seeds admin / ops /
 * moderator before the server listens (Main prints them). Once the server listens, {@code ModDeskServer} starts
 * {@link dev.moddesk.server.sandbox.PlatformSimulator} through {@link dev.moddesk.server.sandbox.SandboxSimulation}
 * (unless {@code --no-sim}), because only then is the real port known. The simulator talks to the server only over
 * HTTP through the ingest API and the action feed, like a real platform; the activities it plays are listed in
 * {@link dev.moddesk.server.sandbox.SandboxActivities}, and the live rooms ({@code sandbox.rooms}, at
 * {@code --sim-chat-rate}) run on a thread of their own. {@link dev.moddesk.server.sandbox.SandboxFeature} serves the
 * sandbox's one staff control, the hot room's spike.
 */
package dev.moddesk.server.sandbox;
