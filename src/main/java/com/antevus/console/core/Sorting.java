package com.antevus.console.core;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Sorting large table models: the model list itself, with the column's model comparator (never the default
 * Collator over formatted text), by a parallel merge sort, then one list change for the table.
 */
public final class Sorting {
    private Sorting() {
    }

    @SuppressWarnings("unchecked")
    public static <T> void sortInPlace(javafx.collections.ObservableList<T> list, Comparator<? super T> comparator) {
        T[] items = (T[]) list.toArray();
        Arrays.parallelSort(items, comparator);
        list.setAll(Arrays.asList(items));
    }

    /**
     * Sorts by a numeric key without boxing or comparator calls: the keys and positions are sorted as primitive
     * arrays (stable for equal keys), then the list is rebuilt in one change. For numeric columns of large tables.
     */
    public static <T> void sortByKey(javafx.collections.ObservableList<T> list, java.util.function.ToDoubleFunction<? super T> key,
                                     boolean descending) {
        int n = list.size();
        if (n >= 1 << 21) {
            java.util.Comparator<T> c = java.util.Comparator.comparingDouble(key);
            sortInPlace(list, descending ? c.reversed() : c);
            return;
        }
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key.applyAsDouble(list.get(i));
        }
        // rank each key among the distinct keys (a primitive sort), then sort rank and position packed in one long:
        // one more primitive sort, and equal keys keep their order
        double[] sorted = keys.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || Double.compare(sorted[i], sorted[distinct - 1]) != 0) {
                sorted[distinct++] = sorted[i];
            }
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            long rank = Arrays.binarySearch(sorted, 0, distinct, keys[i]);
            packed[i] = ((descending ? (distinct - 1 - rank) : rank) << 21) | i;
        }
        Arrays.sort(packed);
        Object[] items = list.toArray();
        java.util.List<T> out = new java.util.ArrayList<>(n);
        for (long p : packed) {
            @SuppressWarnings("unchecked")
            T item = (T) items[(int) (p & ((1 << 21) - 1))];
            out.add(item);
        }
        list.setAll(out);
    }
}
