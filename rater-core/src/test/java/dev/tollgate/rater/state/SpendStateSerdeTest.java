package dev.tollgate.rater.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SpendStateSerdeTest {

    @Test
    void shouldReadBackWhatItWroteScaleAndAll() {
        final SpendState state = new SpendState(new BigDecimal("2.1040"), new BigDecimal("1.10"),
            List.of(new BigDecimal("1"), new BigDecimal("2.00")));
        assertEquals(state, SpendStateSerde.read(SpendStateSerde.write(state)));
        assertEquals(SpendState.NONE, SpendStateSerde.read(SpendStateSerde.write(SpendState.NONE)));
    }

    @Test
    void shouldRefuseAnUnknownFormat() {
        final byte[] bytes = SpendStateSerde.write(SpendState.NONE);
        bytes[0] = 9;
        assertThrows(SerializationException.class, () -> SpendStateSerde.read(bytes));
    }
}
