package dev.moddesk.app.core;

import java.util.Objects;

/** The core events features exchange. Records, validated on construction. */
public final class Events {
    private Events() {
    }

    public enum Severity { INFO, SUCCESS, WARNING, DANGER }

    /** Something a person should notice; the shell shows it in its notification area. */
    public record NotificationEvent(Severity severity, String message) {
        public NotificationEvent {
            Objects.requireNonNull(severity, "severity");
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("message is required");
            }
        }
    }

    /**
     * A feature's live state for the shell's status bar (the rooms stream's lag, for one), kept under {@code id} until
     * replaced; a blank {@code text} removes it. {@code tooltip} may be null.
     */
    public record StatusItemEvent(String id, Severity severity, String text, String tooltip) {
        public StatusItemEvent {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("id is required");
            }
            Objects.requireNonNull(severity, "severity");
            text = text == null ? "" : text;
        }
    }

    /** Ask the shell to show another view by its registry id. */
    public record NavigateEvent(String viewId) {
        public NavigateEvent {
            if (viewId == null || viewId.isBlank()) {
                throw new IllegalArgumentException("viewId is required");
            }
        }
    }

    public record SignedInEvent(Session session) {
        public SignedInEvent {
            Objects.requireNonNull(session, "session");
        }
    }

    public record SignedOutEvent(String reason) {
    }

    public record LanguageChangedEvent(java.util.Locale locale) {
        public LanguageChangedEvent {
            Objects.requireNonNull(locale, "locale");
        }
    }

    public record ThemeChangedEvent(Theme theme) {
        public ThemeChangedEvent {
            Objects.requireNonNull(theme, "theme");
        }
    }

    /** A staff account changed (created, disabled, role changed); an audit view may refresh. */
    public record StaffChangedEvent(long staffId, String action) {
    }
}
