package dev.tollgate.rater.state;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link BinaryWriter} wrote, failing with a {@link SerializationException} on foreign bytes. */
final class BinaryReader {

    private final ByteBuffer in;
    private final int formatVersion;

    BinaryReader(final byte[] bytes, final String what) {
        this.in = ByteBuffer.wrap(bytes);
        if (bytes.length == 0) {
            throw new SerializationException("an empty value is not a stored " + what);
        }
        this.formatVersion = in.get();
    }

    int formatVersion() {
        return formatVersion;
    }

    byte readByte() {
        return guarded(() -> in.get());
    }

    int readInt() {
        return guarded(in::getInt);
    }

    long readLong() {
        return guarded(in::getLong);
    }

    BigDecimal readDecimal() {
        final int scale = readInt();
        final byte[] unscaled = new byte[readLength()];
        guarded(() -> in.get(unscaled));
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    BigDecimal readNullableDecimal() {
        return readByte() == 0 ? null : readDecimal();
    }

    String readString() {
        final int length = readInt();
        if (length < 0) {
            return null;
        }
        if (length > in.remaining()) {
            throw new SerializationException("a string of " + length + " bytes runs past the value's end");
        }
        final String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    Instant readNullableInstant() {
        return readByte() == 0 ? null : Instant.ofEpochSecond(readLong(), readInt());
    }

    /** A count of items still to read; each takes at least one byte, so no count can exceed what is left. */
    int readCount() {
        return readLength();
    }

    private int readLength() {
        final int length = readInt();
        if (length < 0 || length > in.remaining()) {
            throw new SerializationException("a length of " + length + " does not fit the value");
        }
        return length;
    }

    private static <T> T guarded(final Supplier<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new SerializationException("the value ends too early", e);
        }
    }
}
