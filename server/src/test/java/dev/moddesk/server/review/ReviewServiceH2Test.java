package dev.moddesk.server.review;

class ReviewServiceH2Test extends ReviewServiceContract {
    @Override
    ReviewTestDatabase open() {
        return ReviewTestDatabase.h2();
    }
}
