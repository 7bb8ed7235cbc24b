package dev.moddesk.server.testing;

/** The databases server tests run against; parameterise test classes over both. */
public enum Backend {
    H2,
    POSTGRES
}
