package dev.moddesk.server.review;

/** The stores of SQL that PostgreSQL and H2 share, made once per node. */
record ReviewStores(ApplicationStore applications, CircleStore circles, QueueStore queue, DecisionStore decisions,
                    ReasonCodeStore reasonCodes, RingStore rings) {

    ReviewStores() {
        this(new ApplicationStore(), new CircleStore(), new QueueStore(), new DecisionStore(), new ReasonCodeStore(),
                new RingStore());
    }
}
