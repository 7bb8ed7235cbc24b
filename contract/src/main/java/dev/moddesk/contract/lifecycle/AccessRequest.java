package dev.moddesk.contract.lifecycle;

/** An admin's request to export everything ModDesk holds about a platform user (PIPL art. 45). */
public record AccessRequest(String userId) {
}
