package com.antevus.console.core;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the first and last points and, in each
 * of {@code threshold - 2} buckets, the point forming the largest triangle with the previous kept point and the
 * next bucket's average. A 1M-point series drawn as ~2,000 points keeps its peaks and shape.
 */
public final class Downsample {
    private Downsample() {
    }

    /** Indexes of the points to keep, ascending; all of them when there are no more than {@code threshold}. */
    public static int[] lttb(double[] x, double[] y, int threshold) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (threshold >= n || threshold < 3) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] keep = new int[threshold];
        double every = (double) (n - 2) / (threshold - 2);
        int a = 0;
        keep[0] = 0;
        for (int i = 0; i < threshold - 2; i++) {
            int avgStart = (int) Math.floor((i + 1) * every) + 1;
            int avgEnd = Math.min((int) Math.floor((i + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            for (int j = avgStart; j < avgEnd; j++) {
                avgX += x[j];
                avgY += y[j];
            }
            int len = Math.max(avgEnd - avgStart, 1);
            avgX /= len;
            avgY /= len;
            int rangeStart = (int) Math.floor(i * every) + 1;
            int rangeEnd = (int) Math.floor((i + 1) * every) + 1;
            double best = -1;
            int chosen = rangeStart;
            for (int j = rangeStart; j < rangeEnd; j++) {
                double area = Math.abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]));
                if (area > best) {
                    best = area;
                    chosen = j;
                }
            }
            keep[i + 1] = chosen;
            a = chosen;
        }
        keep[threshold - 1] = n - 1;
        return keep;
    }
}
