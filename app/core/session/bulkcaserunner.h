#pragma once

#include "core/check/bulkfetch.h"
#include "core/check/bulkrunner.h"
#include "core/session/session.h"

#include <QObject>

namespace Rwb {

// Runs a saved case that is a bulk check (SessionBulk): the case resolved for the session's variables
// (resolveCase: its request, options and input), its lines read (inline, from a file beside the session
// file, or fetched from an http(s) URL), then traced and checked through a BulkRunner, each line reported
// as its chain ends. `rwb run` and the window run bulk cases through it.
class BulkCaseRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkCaseRunner)

public:
    explicit BulkCaseRunner(QObject *parent = nullptr);
    ~BulkCaseRunner() override;

    // False (and finished() is not emitted) when `testCase` is no bulk check or a run goes on. Otherwise
    // true, and finished() follows, also when the case cannot run (its error then says why).
    bool start(const SessionCase &testCase, const Session &session, const QString &environment = {},
               const Variables &overrides = {});
    void stop();
    bool isRunning() const { return m_running; }

signals:
    void linesRead(qsizetype count);
    void lineFinished(const Rwb::BulkResult &result);
    // `error`: why the case did not run (not resolved, input unreadable); empty when its lines ran.
    void finished(const QString &error);

private:
    void run(const BulkInput &input);
    void fail(const QString &error);

    BulkInputReader m_reader;
    BulkRunner m_runner;
    SessionBulk m_bulk;
    ResolvedCase m_resolved;
    bool m_running = false;
};

}  // namespace Rwb
