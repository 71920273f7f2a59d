package dev.tollgate.rater.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes the compact binary form of the rater's own state values; {@link BinaryReader} reads it.
 * Every value starts with its format version, so that a format can grow while old entries stay
 * readable. Nullable fields are preceded by a presence byte.
 */
final class BinaryWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    BinaryWriter(final int formatVersion) {
        writeByte(formatVersion);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    BinaryWriter writeByte(final int value) {
        try {
            out.writeByte(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BinaryWriter writeInt(final int value) {
        try {
            out.writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BinaryWriter writeLong(final long value) {
        try {
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Scale, then the unscaled value's two's-complement bytes: exact, whatever the precision. */
    BinaryWriter writeDecimal(final BigDecimal value) {
        final byte[] unscaled = value.unscaledValue().toByteArray();
        writeInt(value.scale());
        writeInt(unscaled.length);
        try {
            out.write(unscaled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BinaryWriter writeNullableDecimal(final BigDecimal value) {
        return value == null ? writeByte(0) : writeByte(1).writeDecimal(value);
    }

    /** UTF-8 bytes after their length; -1 for null. */
    BinaryWriter writeString(final String value) {
        if (value == null) {
            return writeInt(-1);
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        try {
            out.write(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BinaryWriter writeNullableInstant(final Instant value) {
        return value == null ? writeByte(0)
            : writeByte(1).writeLong(value.getEpochSecond()).writeInt(value.getNano());
    }
}
