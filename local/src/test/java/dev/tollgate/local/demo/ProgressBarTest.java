package dev.tollgate.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void shouldFillWithTheElapsedShareAndShowTheRate() {
        assertEquals("\r  [###############---------------]  30/60 s  1,500 events sent  50/s",
            ProgressBar.render(30, 60, 1500));
        // A last tick past the end shows a full bar, not more.
        assertEquals("\r  [##############################]  60/60 s  3,050 events sent  50/s",
            ProgressBar.render(61, 60, 3050));
    }
}
