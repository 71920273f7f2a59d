package dev.tollgate.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void shouldRunAMinuteUnlessToldOtherwise() {
        assertEquals(60, DemoOptions.parse(List.of()).seconds());
        assertEquals(5, DemoOptions.parse(List.of("--seconds", "5")).seconds());
    }

    @Test
    void shouldRefuseWhatItDoesNotTakeNamingIt() {
        assertEquals("unknown argument --minutes",
            assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(List.of("--minutes", "1")))
                .getMessage());
        assertEquals("--seconds needs a number of seconds",
            assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(List.of("--seconds"))).getMessage());
        assertEquals("--seconds ten is not a whole number of seconds",
            assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(List.of("--seconds", "ten")))
                .getMessage());
        assertEquals("--seconds 0 is out of range: 1 to 3600",
            assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(List.of("--seconds", "0")))
                .getMessage());
    }
}
