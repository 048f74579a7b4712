#pragma once

#include "workbench/tracesearch.h"

#include <QObject>

#include <optional>

class QAction;
class QListView;
class QTimer;
class QWidget;

namespace Rwb {

class HopInspector;
class SearchBar;
class TimelineModel;

// Find in the trace (Ctrl+F): searches the timeline's trace for the bar's query, marks the hops that match
// in the timeline, and shows each match in turn: its hop selected, the inspector on the tab that shows
// the matched text, the header row or body text selected. A long trace is searched in slices of a few
// milliseconds between events, so typing never freezes the window; a new hop re-runs the search and the
// current match stays where it was.
class SearchController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchController)

public:
    struct Views {
        QListView *timeline = nullptr;  // its model is a TimelineModel
        HopInspector *inspector = nullptr;
    };
    struct Actions {
        QAction *find = nullptr;
        QAction *findNext = nullptr;
        QAction *findPrevious = nullptr;
    };

    // The actions are added to `window`, whose shortcuts they are.
    SearchController(const Views &views, QWidget *window);
    ~SearchController() override;

    const Actions &actions() const { return m_actions; }
    SearchBar *bar() const { return m_bar; }

    // The matches found so far (all of them once isSearching() is false), and the one shown (-1: none).
    const SearchResult &result() const { return m_result; }
    int currentMatch() const { return m_current; }
    bool isSearching() const { return m_nextHop >= 0; }

public slots:
    void find();
    void findNext();
    void findPrevious();

private:
    TimelineModel *model() const;
    void restart(bool jump);
    void searchSlice();
    void finishSlice();
    void step(int direction);
    void show(int match);
    void highlight(const SearchMatch &match);
    void updateCount();
    void clearMarks();

    Views m_views;
    Actions m_actions;
    SearchBar *m_bar = nullptr;
    QTimer *m_slice = nullptr;  // the next slice of a long search
    QTimer *m_rerun = nullptr;  // the trace changed: search it again, once it has settled
    Trace m_trace;              // the trace being searched (a cheap, implicitly shared copy)
    QString m_query;
    SearchOptions m_options;
    SearchResult m_result;
    int m_nextHop = -1;  // the next hop to search; -1 when the search is complete
    int m_current = -1;
    std::optional<SearchMatch> m_shown;  // the match the user went to, found again after a re-run
    int m_jumpFromHop = -1;              // a new query: go to the first match from this hop on; -1: stay
};

}  // namespace Rwb
