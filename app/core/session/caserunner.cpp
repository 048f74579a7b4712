#include "core/session/caserunner.h"

#include "core/engine/engine.h"
#include "core/session/bulkcaserunner.h"

#include <algorithm>

namespace Rwb {

QStringList verdictLines(const CaseRunResult &result)
{
    if (result.bulk) {
        const BulkCaseResult &b = *result.bulk;
        if (b.stopped)
            return {};
        QStringList out;
        for (const BulkRow &row : b.failing)
            out << QStringLiteral("line %1 %2: %3").arg(row.line).arg(row.from, row.problems);
        if (b.failed > b.failing.size())
            out << QStringLiteral("… and %1 more failing lines (rwb check lists them all)")
                       .arg(b.failed - b.failing.size());
        return out;
    }
    if (!result.trace)
        return {result.error};
    if (result.stopped())
        return {};
    return result.verdict.failures;
}

QString verdictText(const CaseRunResult &result)
{
    if (result.bulk) {
        const BulkCaseResult &b = *result.bulk;
        if (b.stopped)
            return QStringLiteral("stopped after %1 of %2 lines").arg(b.done).arg(b.lines);
        if (b.failed == 0)
            return QStringLiteral("passed: %1 lines").arg(b.lines);
        return QStringLiteral("failed: %1 of %2 lines").arg(b.failed).arg(b.lines);
    }
    if (!result.trace)
        return QStringLiteral("not run: %1").arg(result.error);
    if (result.stopped())
        return QStringLiteral("stopped");
    if (result.verdict.passed)
        return QStringLiteral("passed");
    return QStringLiteral("failed: %1").arg(result.verdict.failures.join(QLatin1String("; ")));
}

CaseRunner::CaseRunner(Engine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine ? engine : new Engine(this))
{
    connect(m_engine, &Engine::finished, this, &CaseRunner::onEngineFinished);
}

CaseRunner::~CaseRunner() = default;

bool CaseRunner::start(const QList<CaseRunJob> &cases, const Session &session, const QString &environment,
                       const Variables &overrides)
{
    if (m_running)
        return false;
    m_queue = cases;
    m_session = session;
    m_environment = environment;
    m_overrides = overrides;
    m_total = int(cases.size());
    m_done = 0;
    m_pending.reset();
    m_running = true;
    ++m_generation;
    startNext();
    return true;
}

void CaseRunner::cancel()
{
    if (!m_running)
        return;
    m_queue.clear();
    if (m_waiting && m_bulk && m_bulk->isRunning()) {
        m_bulk->stop();  // its lines end as stopped, then the case is reported, then the run finishes
        return;
    }
    if (m_waiting)
        m_engine->stop();  // the engine says finished at once: the stopped case is pending now
    reportPending();
    // An engine that finished later would report its case then, and finish the run after it.
    if (m_running && !m_waiting)
        finish();
}

void CaseRunner::startNext()
{
    if (!m_running)
        return;
    if (m_queue.isEmpty()) {
        finish();
        return;
    }
    const CaseRunJob job = m_queue.takeFirst();
    const quint64 generation = m_generation;
    CaseRunResult result;
    result.index = m_total - int(m_queue.size()) - 1;
    result.id = job.id;
    result.name = job.testCase.name;
    emit caseStarted(result.index, job.id);
    if (generation != m_generation)
        return;  // cancelled meanwhile

    const ResolvedCase resolved = resolveCase(job.testCase, m_session, m_environment, m_overrides);
    if (!resolved.error.isEmpty()) {
        result.error = resolved.error;
        report(result);
        return;
    }
    if (job.testCase.bulk) {
        startBulk(result, job.testCase);
        return;
    }
    m_current = result;
    m_currentCase = job.testCase;
    m_waiting = true;  // before the start: a chain can end within it (a blocked scheme)
    m_clock.start();
    QString why;
    if (m_starter)
        why = m_starter(job.id, resolved.request, resolved.options);
    else if (m_engine->isRunning())
        why = QStringLiteral("the engine is busy with another trace");
    else
        m_engine->start(resolved.request, resolved.options);
    if (!why.isEmpty() && m_waiting) {
        m_waiting = false;
        result.error = why;
        report(result);
    }
}

void CaseRunner::startBulk(const CaseRunResult &result, const SessionCase &testCase)
{
    if (!m_bulk) {
        m_bulk = new BulkCaseRunner(this);
        connect(m_bulk, &BulkCaseRunner::linesRead, this, [this](qsizetype lines) {
            m_current.bulk = BulkCaseResult();
            m_current.bulk->lines = lines;
        });
        connect(m_bulk, &BulkCaseRunner::lineFinished, this, [this](const BulkResult &line) {
            if (!m_current.bulk)
                return;
            BulkCaseResult &b = *m_current.bulk;
            ++b.done;
            if (std::any_of(line.problems.cbegin(), line.problems.cend(),
                            [](const BulkProblem &p) { return p.code == QLatin1String("stopped"); }))
                b.stopped = true;
            if (!line.passed()) {
                ++b.failed;
                if (b.failing.size() < BulkCaseResult::kShown) {
                    const BulkRow row = bulkRowOf(line);
                    b.failing.insert(
                        std::upper_bound(b.failing.begin(), b.failing.end(), row,
                                         [](const BulkRow &x, const BulkRow &y) { return x.line < y.line; }),
                        row);
                }
            }
            emit bulkLineFinished(m_current.index, m_current.id, line);
        });
        connect(m_bulk, &BulkCaseRunner::finished, this, [this](const QString &error) {
            if (!m_waiting)
                return;
            m_waiting = false;
            CaseRunResult done = m_current;
            done.elapsedMs = double(m_clock.nsecsElapsed()) / 1e6;
            if (!error.isEmpty()) {
                done.bulk.reset();
                done.error = error;
            } else if (done.bulk && done.bulk->done < done.bulk->lines) {
                done.bulk->stopped = true;  // lines never started: the run was cancelled
            }
            m_pending = std::move(done);
            later(&CaseRunner::reportPending);
        });
    }
    m_current = result;
    m_currentCase = testCase;
    m_waiting = true;
    m_clock.start();
    m_bulk->start(testCase, m_session, m_environment, m_overrides);
}

void CaseRunner::onEngineFinished()
{
    if (!m_waiting)
        return;  // a trace that is not one of ours
    m_waiting = false;
    CaseRunResult result = m_current;
    result.elapsedMs = double(m_clock.nsecsElapsed()) / 1e6;
    result.trace = m_engine->trace();
    if (!result.stopped())
        result.verdict = checkCase(m_currentCase, *result.trace);
    m_pending = std::move(result);
    // Reported on the next turn, after everything else that listens to the engine (a window's timeline
    // shows the end of the chain first), and never from inside the engine's own signal.
    later(&CaseRunner::reportPending);
}

void CaseRunner::reportPending()
{
    if (!m_pending)
        return;
    const CaseRunResult result = std::move(*m_pending);
    m_pending.reset();
    report(result);
}

void CaseRunner::report(const CaseRunResult &result)
{
    const quint64 generation = m_generation;
    ++m_done;
    emit caseFinished(result);
    if (generation != m_generation)
        return;
    emit progress(m_done, m_total);
    if (generation != m_generation)
        return;
    // The last case ends the run at once: whoever sees its result sees the runner idle.
    if (m_queue.isEmpty())
        finish();
    else
        later(&CaseRunner::startNext);
}

void CaseRunner::later(void (CaseRunner::*step)())
{
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, step] {
            if (generation == m_generation)
                (this->*step)();
        },
        Qt::QueuedConnection);
}

void CaseRunner::finish()
{
    m_running = false;
    m_waiting = false;
    m_queue.clear();
    m_pending.reset();
    ++m_generation;
    emit finished();
}

}  // namespace Rwb
