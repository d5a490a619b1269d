package io.interlock.scenarios.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChoicesTest {

    @Test
    void encode_randomSequences_roundTrip() {
        ChoiceStream gen = ChoiceStream.fromSeed(99);
        for (int run = 0; run < 500; run++) {
            int n = gen.draw(60);
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                // Mix small values (the usual case) with values of every magnitude up to 2^63-1.
                v[i] = gen.flip(70)
                        ? gen.draw(300)
                        : gen.drawLong(1L << gen.draw(63)) + (gen.flip(5) ? Long.MAX_VALUE / 2 : 0);
            }
            Choices c = Choices.of(v);
            String text = c.encode();
            assertThat(text).matches("[A-Za-z0-9_-]*");
            assertThat(Choices.decode(text).sameValues(c)).isTrue();
            assertThat(Choices.decode(text).encode()).isEqualTo(text);
        }
    }

    @Test
    void encode_edgeValues_roundTripAndStayCompact() {
        Choices c = Choices.of(0, 1, 127, 128, 16_383, 16_384, Long.MAX_VALUE);
        assertThat(Choices.decode(c.encode()).sameValues(c)).isTrue();
        assertThat(Choices.empty().encode()).isEmpty();
        assertThat(Choices.decode("").size()).isZero();
        // 40 small choices (the common case) take 40 bytes, 54 characters.
        assertThat(Choices.of(new long[40]).encode()).hasSize(54);
        assertThat(Choices.decode("  " + c.encode() + "\n").sameValues(c)).isTrue();
    }

    @Test
    void decode_malformedText_rejectedWithReason() {
        assertThatThrownBy(() -> Choices.decode("a+b/")).hasMessageContaining("base64url");
        assertThatThrownBy(() -> Choices.decode("gA")).hasMessageContaining("truncated"); // 0x80
        assertThatThrownBy(() -> Choices.decode("gAA")).hasMessageContaining("shortest form"); // 0x80 0x00
        // nine continuation bytes: more than 63 bits
        byte[] tooLong = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(tooLong);
        assertThatThrownBy(() -> Choices.decode(text)).hasMessageContaining("non-negative long");
    }

    @Test
    void of_negativeValue_rejected() {
        assertThatThrownBy(() -> Choices.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortlex_shorterFirstThenLexicographic() {
        assertThat(Choices.of(9, 9).isSimplerThan(Choices.of(0, 0, 0))).isTrue();
        assertThat(Choices.of(0, 5, 0).isSimplerThan(Choices.of(1, 0, 0))).isTrue();
        assertThat(Choices.of(1, 2).isSimplerThan(Choices.of(1, 2))).isFalse();
        assertThat(Choices.SHORTLEX.compare(Choices.of(2), Choices.of(1))).isPositive();
    }

    @Test
    void delete_range_shiftsTrimsAndDropsSpans() {
        Choices c = Choices.of(
                new long[] {1, 2, 3, 4, 5, 6, 7, 8},
                List.of(
                        new Choices.Span("a", 0, 2, 0),
                        new Choices.Span("b", 2, 5, 0),
                        new Choices.Span("c", 3, 4, 1),
                        new Choices.Span("d", 5, 8, 0)));
        Choices d = c.delete(3, 5);
        assertThat(d.values()).containsExactly(1, 2, 3, 6, 7, 8);
        assertThat(d.spans())
                .containsExactly(
                        new Choices.Span("a", 0, 2, 0), new Choices.Span("b", 2, 3, 0), new Choices.Span("d", 3, 6, 0));
    }

    @Test
    void withoutTrailingZeros_trailingZeros_removedAndSpansClipped() {
        Choices c = Choices.of(new long[] {0, 3, 0, 0}, List.of(new Choices.Span("op", 1, 4, 0)));
        Choices t = c.withoutTrailingZeros();
        assertThat(t.values()).containsExactly(0, 3);
        assertThat(t.spans()).containsExactly(new Choices.Span("op", 1, 2, 0));
        assertThat(Choices.of(0, 0).withoutTrailingZeros().size()).isZero();
    }

    @Test
    void of_spanBeyondValues_rejected() {
        assertThatThrownBy(() -> Choices.of(new long[] {1}, List.of(new Choices.Span("op", 0, 2, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
