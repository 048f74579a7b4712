#pragma once

#include "core/check/bulkrunner.h"
#include "core/check/casecheck.h"
#include "core/formats/bulkreport.h"
#include "core/http/trace.h"
#include "core/policy/options.h"
#include "core/session/session.h"

#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

namespace Rwb {

class BulkCaseRunner;
class Engine;

// One case for a CaseRunner: the case as it is to run, and the caller's name for it (handed back).
struct CaseRunJob {
    QVariant id;
    SessionCase testCase;
};

// What a run of a bulk check's case came to (its lines are reported one by one as they end).
struct BulkCaseResult {
    static constexpr qsizetype kShown = 20;
    qsizetype lines = 0;     // lines read from its input
    qsizetype done = 0;      // lines that ran
    qsizetype failed = 0;    // of them, the failing ones
    QList<BulkRow> failing;  // the first kShown failing lines to end, in line order
    bool stopped = false;
};

// What one run of a saved case came to.
struct CaseRunResult {
    int index = -1;              // the case's place in the run, from 0
    QVariant id;                 // from its CaseRunJob
    QString name;                // the case's name
    std::optional<Trace> trace;  // unset: the case did not run, and `error` says why
    QString error;               // resolveCase's error, or why the chain could not start
    CaseVerdict verdict;         // checkCase() on the trace; not checked when the run was stopped
    double elapsedMs = 0;        // wall clock, from the chain's start to its end
    // Set for a bulk check's case that ran (its input read); `trace` is then unset, and the case passed
    // when every line did.
    std::optional<BulkCaseResult> bulk;

    // Stopped (by the user or cancel()): no verdict on the case.
    bool stopped() const
    {
        return bulk ? bulk->stopped : trace && trace->outcome.kind == OutcomeKind::Stopped;
    }
    bool ran() const { return trace || bulk; }
    bool passed() const
    {
        return bulk ? !bulk->stopped && bulk->failed == 0 : trace && !stopped() && verdict.passed;
    }
};

// The verdict for people, the same in the window and in `rwb run`. One line per problem: each failed
// expectation, or why the case did not run; none when it passed or was stopped.
QStringList verdictLines(const CaseRunResult &result);
// All of it on one line: "passed", "failed: A; B", "not run: why" or "stopped".
QString verdictText(const CaseRunResult &result);

// Runs saved cases one at a time through an Engine, without an event loop of its own: each case is
// resolved for the session's variables (resolveCase), its chain run, and the verdict (checkCase)
// reported by caseFinished(). A case that cannot be resolved or started is reported too, as not run.
// A bulk check's case runs through a BulkCaseRunner instead: each of its lines is reported by
// bulkLineFinished() as it ends, then the case by caseFinished().
class CaseRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseRunner)

public:
    // With an Engine of its own, or through `engine` (not owned): a window's, so that its timeline shows
    // each run. The engine must not be busy with another trace when a case starts.
    explicit CaseRunner(Engine *engine = nullptr, QObject *parent = nullptr);
    ~CaseRunner() override;

    Engine *engine() const { return m_engine; }

    // How a case's chain is started: engine()->start() unless set. A window routes it through its Send,
    // which readies its views first. Returns why when the chain did not start, empty when it did.
    using Starter = std::function<QString(const QVariant &id, const RequestSpec &, const Options &)>;
    void setStarter(Starter starter) { m_starter = std::move(starter); }

    // Runs `cases` in order, each resolved with the session's variables, `environment`'s over them and
    // `overrides` over both. The first case starts before this returns. False (nothing done) while a
    // run goes on.
    bool start(const QList<CaseRunJob> &cases, const Session &session, const QString &environment = {},
               const Variables &overrides = {});
    // Drops the cases not started yet (they are not reported) and stops the running one, which is
    // reported as stopped; then finished().
    void cancel();

    bool isRunning() const { return m_running; }
    int total() const { return m_total; }

signals:
    void caseStarted(int index, const QVariant &id);
    void caseFinished(const Rwb::CaseRunResult &result);
    void bulkLineFinished(int index, const QVariant &id, const Rwb::BulkResult &result);
    void progress(int done, int total);  // after each case
    void finished();

private:
    void startNext();
    void onEngineFinished();
    void reportPending();
    void report(const CaseRunResult &result);
    void later(void (CaseRunner::*step)());
    void finish();
    void startBulk(const CaseRunResult &result, const SessionCase &testCase);

    Engine *m_engine = nullptr;
    BulkCaseRunner *m_bulk = nullptr;  // made for the first bulk check's case
    Starter m_starter;
    QList<CaseRunJob> m_queue;
    Session m_session;
    QString m_environment;
    Variables m_overrides;
    int m_total = 0;
    int m_done = 0;
    bool m_running = false;
    bool m_waiting = false;                  // the current case's chain is running
    quint64 m_generation = 0;                // steps posted for an earlier run are ignored
    CaseRunResult m_current;                 // the running case's result, filled as it goes
    SessionCase m_currentCase;               // what its verdict is checked against
    std::optional<CaseRunResult> m_pending;  // finished, reported on the next turn
    QElapsedTimer m_clock;
};

}  // namespace Rwb

Q_DECLARE_METATYPE(Rwb::CaseRunResult)
