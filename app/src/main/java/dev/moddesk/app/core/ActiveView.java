package dev.moddesk.app.core;

/**
 * Controllers whose view holds listeners or timers implement this: the shell calls {@link #activate()} when the view
 * is shown and {@link #deactivate()} when it goes away, and the controller removes there what it added.
 */
public interface ActiveView {
    default void activate() {
    }

    void deactivate();
}
