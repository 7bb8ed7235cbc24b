package dev.moddesk.server;

public final class Main {
    public static void main(String[] args) {
    }
}
