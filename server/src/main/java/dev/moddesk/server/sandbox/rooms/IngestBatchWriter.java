package dev.moddesk.server.sandbox.rooms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.moddesk.contract.platform.IngestBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes events straight into the JSON bodies of {@code POST /api/v1/platform/events} ({@code {"events": [...]}}),
 * {@link IngestBatch#MAX_EVENTS} to a body, without an object per event. Not thread-safe.
 */
final class IngestBatchWriter {

    private final JsonFactory factory;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 * 1024);
    private final List<byte[]> finished = new ArrayList<>();
    private JsonGenerator batch;
    private int inBatch;
    private Instant lastAt;
    private String lastAtText;

    IngestBatchWriter(JsonFactory factory) {
        this.factory = factory;
    }

    /** Starts an event and its payload object; write the payload's fields, then {@link #end}. */
    JsonGenerator begin(String eventId, String type, Instant at) {
        try {
            if (batch == null) {
                buffer.reset();
                batch = factory.createGenerator(buffer);
                batch.writeStartObject();
                batch.writeArrayFieldStart("events");
            }
            if (!at.equals(lastAt)) {
                lastAt = at;
                lastAtText = at.toString();
            }
            batch.writeStartObject();
            batch.writeStringField("eventId", eventId);
            batch.writeStringField("type", type);
            batch.writeStringField("occurredAt", lastAtText);
            batch.writeObjectFieldStart("payload");
            return batch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void end() {
        try {
            batch.writeEndObject();
            batch.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (++inBatch >= IngestBatch.MAX_EVENTS) {
            finish();
        }
    }

    /** The bodies written so far (the one being written is closed); the writer starts afresh. */
    List<byte[]> take() {
        finish();
        List<byte[]> bodies = List.copyOf(finished);
        finished.clear();
        return bodies;
    }

    private void finish() {
        if (batch == null) {
            return;
        }
        try {
            batch.writeEndArray();
            batch.writeEndObject();
            batch.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finished.add(buffer.toByteArray());
        batch = null;
        inBatch = 0;
    }
}
