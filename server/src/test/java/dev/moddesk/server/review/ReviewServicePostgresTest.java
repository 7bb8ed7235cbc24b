package dev.moddesk.server.review;

class ReviewServicePostgresTest extends ReviewServiceContract {
    @Override
    ReviewTestDatabase open() {
        return ReviewTestDatabase.postgres();
    }
}
