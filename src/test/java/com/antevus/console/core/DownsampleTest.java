package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownsampleTest {
    @Test
    void keepsEndsPeaksAndOrderWithinTheThreshold() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 500.0);
        }
        y[54_321] = 50;    // a spike a chart must not lose
        y[77_777] = -40;
        int[] keep = Downsample.lttb(x, y, 2_000);
        assertThat(keep).hasSize(2_000);
        assertThat(keep[0]).isZero();
        assertThat(keep[keep.length - 1]).isEqualTo(n - 1);
        for (int i = 1; i < keep.length; i++) {
            assertThat(keep[i]).isGreaterThan(keep[i - 1]);
        }
        assertThat(keep).contains(54_321, 77_777);
    }

    @Test
    void shortSeriesAreKeptWhole() {
        assertThat(Downsample.lttb(new double[]{1, 2, 3}, new double[]{3, 1, 2}, 2_000)).containsExactly(0, 1, 2);
    }
}
