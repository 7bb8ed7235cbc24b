package dev.moddesk.contract.creators;

/** A creator tier and its defaults; {@code version} is its ETag. */
public record Tier(String code, String name, CreatorValues defaults, int creators, int version) {
}
