package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class SortingTest {
    record Row(int id, double value) {
    }

    @Test
    void sortByKeyEqualsAStableComparatorSortBothWays() {
        Random r = new Random(1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(new Row(i, r.nextInt(300) / 3.0)); // many equal keys
        }
        rows.add(new Row(-1, Double.NaN));
        for (boolean descending : new boolean[]{false, true}) {
            ObservableList<Row> list = FXCollections.observableArrayList(rows);
            Sorting.sortByKey(list, Row::value, descending);
            List<Row> expected = new ArrayList<>(rows);
            Comparator<Row> c = Comparator.comparingDouble(Row::value);
            expected.sort(descending ? c.reversed() : c); // List.sort is stable
            assertThat(list).containsExactlyElementsOf(expected);
        }
        ObservableList<Row> list = FXCollections.observableArrayList(rows);
        Sorting.sortInPlace(list, Comparator.comparingInt(Row::id).reversed());
        assertThat(list.get(0).id()).isEqualTo(49_999);
        assertThat(list.get(list.size() - 1).id()).isEqualTo(-1);
    }
}
