package dev.moddesk.screening;

/**
 * What a list term asks for when it matches. {@link #FLAG} marks the message for staff and highlights the words;
 * {@link #HOLD} also withholds the message until staff release or deny it (the platform applies HOLD before it shows
 * a message, see docs/platform.md).
 */
public enum ScreenAction {
    FLAG,
    HOLD
}
