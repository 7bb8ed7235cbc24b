/**
 * What console and server share. A named module so the console runs on the module path; open, because Jackson reads
 * and builds these records by reflection. The server runs on the class path, where this descriptor is ignored.
 */
open module dev.moddesk.contract {
    requires transitive com.fasterxml.jackson.annotation;

    exports dev.moddesk.contract;
    exports dev.moddesk.contract.creators;
    exports dev.moddesk.contract.lifecycle;
    exports dev.moddesk.contract.platform;
    exports dev.moddesk.contract.review;
    exports dev.moddesk.contract.rooms;
}
