package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void aRangeWhoseLastByteComesBeforeItsFirstIsIgnoredNotUnsatisfiable() {
        // RFC 9110 §14.1.1: such a range is invalid, and a server ignores an invalid Range header (whole file, 200).
        assertThat(ByteRange.parse("bytes=500-100", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=5-4", 1000)).isEmpty();
    }

    @Test
    void validRangesAreHonouredAndOnesOutsideTheFileAreUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=900-", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).contains(new ByteRange(990, 999));
        assertThat(ByteRange.parse("bytes=7-7", 1000)).contains(new ByteRange(7, 7));
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-1100", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=2000-1500", 1000)).as("invalid beats unsatisfiable").isEmpty();
    }
}
