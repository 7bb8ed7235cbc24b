/** Word screening, shared by server and console; no dependencies. Ignored on the server's class path. */
module dev.moddesk.screening {
    exports dev.moddesk.screening;
}
