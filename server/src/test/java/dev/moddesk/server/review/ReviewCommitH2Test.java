package dev.moddesk.server.review;

import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;

class ReviewCommitH2Test extends ReviewCommitContract {
    @Override
    TestDatabase open() {
        return TestDatabase.create(Backend.H2);
    }
}
