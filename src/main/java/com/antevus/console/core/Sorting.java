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
}
