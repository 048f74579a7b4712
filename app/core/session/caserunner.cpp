#include "core/session/caserunner.h"

#include "core/engine/engine.h"

namespace Rwb {

QStringList verdictLines(const CaseRunResult &result)
{
    if (!result.trace)
        return {result.error};
    if (result.stopped())
        return {};
    return result.verdict.failures;
}

QString verdictText(const CaseRunResult &result)
{
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
