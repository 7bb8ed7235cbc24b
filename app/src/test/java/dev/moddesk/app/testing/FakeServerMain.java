package dev.moddesk.app.testing;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the fake API until killed, for looking at the console by hand: prints nothing but logs its URL. */
public final class FakeServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(FakeServerMain.class);

    private FakeServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FakeModDeskServer server = new FakeModDeskServer();
        LOG.warn("fake ModDesk API at {}", server.url());
        new CountDownLatch(1).await();
    }
}
