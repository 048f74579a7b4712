#pragma once

#include "core/session/session.h"
#include "workbench/sessionmodel.h"

#include <QElapsedTimer>
#include <QList>
#include <QModelIndex>
#include <QObject>

#include <optional>

namespace Rwb {

class CaseRunner;
class SessionController;
class SessionPanel;
class TraceController;
struct CaseRunResult;

// Runs the saved cases: Send on a selected case, Run Case and Run All. Each goes through the one
// CaseRunner that `rwb run` uses too, which resolves the case, checks the chain and words the verdict;
// the runner starts each chain through the TraceController, so the timeline, the step editor and Stop
// work for a case as for any request. The verdicts go to the tree and the status bar.
class CaseRunController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseRunController)

public:
    CaseRunController(SessionController *sessions, TraceController *trace, SessionPanel *panel,
                      QObject *parent = nullptr);
    ~CaseRunController() override;

    bool isRunning() const;

public slots:
    // Runs the case (selects it and sends), or every case in tree order; cancelRun() stops the queue.
    void runCase(const QModelIndex &index);
    void runAll();
    void cancelRun();

signals:
    void statusMessage(const QString &text, int timeout = 0);

private:
    bool sendCase(bool stepMode);
    void runCases(const QList<QModelIndex> &cases, const std::optional<SessionCase> &edited = std::nullopt);
    QString startCase(const QVariant &id, const RequestSpec &request, const Options &options);
    void onCaseFinished(const CaseRunResult &result);
    void onRunFinished();

    SessionController *m_sessions = nullptr;
    TraceController *m_trace = nullptr;
    SessionPanel *m_panel = nullptr;
    CaseRunner *m_runner = nullptr;
    qsizetype m_bulkLines = 0;     // lines of the running bulk check's case done
    QElapsedTimer m_bulkProgress;  // since its progress was last said
    bool m_draftRun = false;       // the case being sent is a draft: its result is shown, not stored
    // The state a case had before it ran: it comes back when the run is a draft or is stopped.
    SessionModel::RunState m_previousState = SessionModel::RunState::NotRun;
    bool m_runningAll = false;  // Run All: the panel shows the progress and the summary
    int m_passed = 0;
    int m_failed = 0;
    int m_unchecked = 0;  // ran, but the case has no expectations
};

}  // namespace Rwb
