package dev.moddesk.server.review;

import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;

class AuditInTransactionPostgresTest extends AuditInTransactionContract {
    @Override
    TestDatabase open() {
        return TestDatabase.create(Backend.POSTGRES);
    }
}
