#pragma once

#include "core/session/session.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTableView;

namespace Rwb {

class RowTableModel;

// The History tab of a saved case: its runs, newest first, each with its verdict, time, outcome, final
// URL and profile (runHistoryRow). Open in Timeline (Enter, double-click) shows the run's trace; the
// latest run is the one the timeline shows when the case is selected.
class RunHistoryView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryView)

public:
    explicit RunHistoryView(QWidget *parent = nullptr);
    ~RunHistoryView() override;

    RowTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QAction *openAction() const { return m_open; }
    QLabel *noteLabel() const { return m_note; }

    // The runs of `testCase` (caseRuns); the latest one selected. No case: an empty, disabled list.
    void setCase(const SessionCase &testCase);
    void clear();
    // How many runs a case keeps (the preference), for the note under the list.
    void setRunsKept(int runs);
    const QList<CaseRun> &runs() const { return m_runs; }

    // Asks for the run in `row` to be shown (openRequested); false when there is no such row.
    bool openRun(int row);

signals:
    void openRequested(const Rwb::CaseRun &run, bool latest);

protected:
    bool event(QEvent *event) override;

private:
    void updateNote();

    RowTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QAction *m_open = nullptr;
    QPushButton *m_openButton = nullptr;
    QLabel *m_note = nullptr;
    QList<CaseRun> m_runs;
    int m_runsKept = kDefaultRunsKept;
    bool m_hasCase = false;
};

}  // namespace Rwb
