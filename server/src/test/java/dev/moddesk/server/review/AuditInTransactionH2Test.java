package dev.moddesk.server.review;

import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;

class AuditInTransactionH2Test extends AuditInTransactionContract {
    @Override
    TestDatabase open() {
        return TestDatabase.create(Backend.H2);
    }
}
