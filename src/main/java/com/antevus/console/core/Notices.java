package com.antevus.console.core;

/**
 * How long background work says it has ended, without stopping anyone: a notice in the corner of the window that
 * fades by itself ({@link FxNotices}). View models call it when a sync, a reconciliation, a run, a publish or a bulk
 * decision ends or fails; they keep their own message line too, so nothing is only said in passing.
 */
public interface Notices {
    /** Says nothing: view models start with it, tests that are not about notices keep it. */
    Notices NONE = new Notices() {
        @Override
        public void finished(String title, String text) {
        }

        @Override
        public void failed(String title, String text) {
        }
    };

    void finished(String title, String text);

    void failed(String title, String text);
}
