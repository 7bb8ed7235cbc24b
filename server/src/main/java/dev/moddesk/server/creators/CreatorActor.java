package dev.moddesk.server.creators;

import dev.moddesk.server.core.Principal;

/** Who changes a creator: a staff member (their id, name and address), the platform, or the system (a lapse). */
record CreatorActor(Long staffId, String name, String clientAddress) {

    static final CreatorActor SYSTEM = new CreatorActor(null, "system", null);
    static final CreatorActor PLATFORM = new CreatorActor(null, "platform", null);

    static CreatorActor of(Principal principal) {
        return new CreatorActor(principal.staffId(), principal.username(), principal.clientAddress());
    }
}
