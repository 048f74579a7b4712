#pragma once

#include "core/check/expectations.h"

#include <QWidget>

#include <optional>

class QAction;
class QTableView;
class QToolButton;

namespace Rwb {

class ExpectationsModel;

// The Expectations tab of a saved case: the table of what its chain must do, buttons to add (by kind)
// and remove rows, and "Expect this chain", which turns the latest trace into expectations (one Undo
// step brings the previous list back).
class ExpectationsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpectationsEditor)

public:
    explicit ExpectationsEditor(QWidget *parent = nullptr);
    ~ExpectationsEditor() override;

    ExpectationsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QAction *expectChainAction() const { return m_expectChain; }
    QAction *removeAction() const { return m_remove; }
    QAction *undoAction() const { return m_undo; }

    QList<Expectation> expectations() const;
    void setExpectations(const QList<Expectation> &expectations);  // a new case: forgets the undo step
    // The trace "Expect this chain" uses and new rows take values from; nullopt disables it.
    void setTrace(const std::optional<Trace> &trace);
    void setResults(const QList<ExpectationResult> &results);

    // Replaces the rows with expectationsFromTrace() of the trace given to setTrace().
    void expectThisChain();

signals:
    void changed();

protected:
    bool event(QEvent *event) override;

private:
    void updateActions();

    ExpectationsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QToolButton *m_add = nullptr;
    QAction *m_expectChain = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_undo = nullptr;
    std::optional<Trace> m_trace;
    std::optional<QList<Expectation>> m_beforeChain;  // what "Expect this chain" replaced
};

}  // namespace Rwb
