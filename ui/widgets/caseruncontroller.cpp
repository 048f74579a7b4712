#include "widgets/caseruncontroller.h"

#include "core/engine/engine.h"
#include "core/session/caserunner.h"
#include "widgets/requesteditor.h"
#include "widgets/sessioncontroller.h"
#include "widgets/sessionpanel.h"
#include "widgets/tracecontroller.h"
#include "workbench/sessionmodel.h"

#include <QPersistentModelIndex>

#include <utility>

namespace Rwb {

CaseRunController::CaseRunController(SessionController *sessions, TraceController *trace, SessionPanel *panel,
                                     QObject *parent)
    : QObject(parent)
    , m_sessions(sessions)
    , m_trace(trace)
    , m_panel(panel)
    , m_runner(new CaseRunner(trace->engine(), this))
{
    m_trace->setCaseSender([this](bool stepMode) { return sendCase(stepMode); });
    m_runner->setStarter([this](const QVariant &id, const RequestSpec &request, const Options &options) {
        return startCase(id, request, options);
    });
    // Each case is selected as it comes up, so that the editor and the timeline show it.
    connect(m_runner, &CaseRunner::caseStarted, this, [this](int, const QVariant &id) {
        const QPersistentModelIndex index = id.value<QPersistentModelIndex>();
        if (index.isValid())
            m_sessions->selectCase(index);
    });
    connect(m_runner, &CaseRunner::progress, this, [this](int done, int total) {
        if (m_runningAll)
            m_panel->setRunProgress(done, total);
    });
    connect(m_runner, &CaseRunner::caseFinished, this, &CaseRunController::onCaseFinished);
    connect(m_runner, &CaseRunner::finished, this, &CaseRunController::onRunFinished);
    // A bulk check's case runs many chains: its progress in the status bar, four times a second at most.
    connect(m_runner, &CaseRunner::caseStarted, this, [this] { m_bulkLines = 0; });
    connect(m_runner, &CaseRunner::bulkLineFinished, this, [this](int, const QVariant &id) {
        ++m_bulkLines;
        if (m_bulkProgress.isValid() && m_bulkProgress.elapsed() < 250)
            return;
        m_bulkProgress.start();
        const QPersistentModelIndex index = id.value<QPersistentModelIndex>();
        if (index.isValid())
            emit statusMessage(
                tr("%1: %2 lines checked").arg(m_sessions->model()->caseAt(index).name).arg(m_bulkLines),
                2000);
    });
    connect(m_panel, &SessionPanel::runCaseRequested, this, &CaseRunController::runCase);
    connect(m_panel, &SessionPanel::runAllRequested, this, &CaseRunController::runAll);
    connect(m_panel, &SessionPanel::cancelRequested, this, &CaseRunController::cancelRun);
}

CaseRunController::~CaseRunController() = default;

bool CaseRunController::isRunning() const
{
    return m_runner->isRunning();
}

// Send on a case runs that case, as the editor shows it; the runner comes back through startCase().
bool CaseRunController::sendCase(bool stepMode)
{
    const QModelIndex current = m_sessions->currentCase();
    if (!current.isValid())
        return false;  // a request of its own, not a case
    if (isRunning()) {
        emit statusMessage(tr("Cannot send: the cases are running (Cancel stops them)"), 10000);
        return true;
    }
    SessionCase c = m_sessions->model()->caseAt(current);
    if (!c.bulk && !m_trace->editor()->validationError().isEmpty())
        return false;  // the window says what is wrong with the request
    c.request = m_trace->editor()->caseRequest();
    c.options = m_trace->editor()->options();
    // A draft runs as edited, but its trace and verdict are not the saved case's.
    m_draftRun = m_sessions->hasDraft();
    if (m_draftRun)
        c.expectations = m_sessions->draftExpectations();
    m_trace->engine()->setStepMode(stepMode);
    runCases({current}, c);
    return true;  // started already, or reported as not run
}

void CaseRunController::runCases(const QList<QModelIndex> &cases, const std::optional<SessionCase> &edited)
{
    SessionModel *model = m_sessions->model();
    QList<CaseRunJob> jobs;
    for (const QModelIndex &index : cases)
        jobs.append(
            {QVariant::fromValue(QPersistentModelIndex(index)), edited ? *edited : model->caseAt(index)});
    m_passed = m_failed = m_unchecked = 0;
    m_runner->start(jobs, m_sessions->session(), m_sessions->environment(), m_sessions->runtimeVariables());
}

QString CaseRunController::startCase(const QVariant &id, const RequestSpec &request, const Options &options)
{
    const QPersistentModelIndex index = id.value<QPersistentModelIndex>();
    if (!index.isValid())
        return tr("the case was deleted");
    if (index != m_sessions->currentCase())
        m_sessions->selectCase(index);
    // Send on a case set the step mode; the request goes out as resolved.
    ResolvedCase resolved;
    resolved.request = request;
    resolved.options = options;
    if (m_trace->start(m_trace->engine()->stepMode(), resolved)) {
        m_previousState = m_sessions->model()->runState(index);
        m_sessions->model()->setRunState(index, SessionModel::RunState::Running);
        return {};
    }
    const QString why = m_trace->editor()->validationError();
    return why.isEmpty() ? tr("another trace is running") : why;
}

void CaseRunController::onCaseFinished(const CaseRunResult &result)
{
    const QPersistentModelIndex index = result.id.value<QPersistentModelIndex>();
    SessionModel *model = m_sessions->model();
    if (!index.isValid())
        return;  // deleted while the run went on
    if (result.stopped()) {
        // Stopped by the user: not a verdict on the case, and not worth keeping as its last trace.
        m_draftRun = false;
        model->setRunState(index, m_previousState);
        return;
    }
    if (std::exchange(m_draftRun, false)) {
        if (result.trace)
            m_sessions->showDraftRunResult(*result.trace, result.verdict.results);
        model->setRunState(index, m_previousState);
        emit statusMessage(tr("Edited %1: %2 (not stored: the case is not saved with these edits)")
                               .arg(model->caseAt(index).name, verdictText(result)),
                           10000);
        return;
    }
    if (result.trace)
        m_sessions->storeRunResult(index, *result.trace, result.verdict.results);
    // A bulk check passes when every line does; its failing lines are the tooltip's.
    const SessionModel::RunState state =
        result.bulk ? (result.passed() ? SessionModel::RunState::Passed : SessionModel::RunState::Failed)
                    : SessionModel::runStateFor(model->caseAt(index), result.verdict);
    model->setRunState(index, state, verdictLines(result));
    if (state == SessionModel::RunState::Unchecked)
        ++m_unchecked;
    else
        (result.passed() ? m_passed : m_failed)++;
    emit statusMessage(tr("%1: %2").arg(model->caseAt(index).name, verdictText(result)), 10000);
}

void CaseRunController::onRunFinished()
{
    if (!m_runningAll)
        return;
    m_runningAll = false;
    m_panel->setRunning(false);
    QString text = tr("Run all: %1 passed, %2 failed").arg(m_passed).arg(m_failed);
    if (m_unchecked > 0)
        text += tr(", %1 without expectations").arg(m_unchecked);
    emit statusMessage(text, 15000);
}

void CaseRunController::runCase(const QModelIndex &index)
{
    if (m_trace->isRunning() || isRunning() || !m_sessions->model()->isCase(index))
        return;
    m_sessions->selectCase(index);
    if (m_sessions->currentCase() != index)
        return;  // the user kept a draft of another case
    m_trace->send();
}

void CaseRunController::runAll()
{
    if (m_trace->isRunning() || isRunning())
        return;
    SessionModel *model = m_sessions->model();
    const QList<QModelIndex> cases = model->caseIndexes();
    if (cases.isEmpty()) {
        emit statusMessage(tr("The session has no cases to run"), 5000);
        return;
    }
    // Run all runs the cases as saved: a draft is saved or dropped first (or the run does not start).
    if (!m_sessions->resolveDraft())
        return;
    model->clearRunStates();
    m_runningAll = true;
    m_panel->setRunning(true);
    m_panel->setRunProgress(0, int(cases.size()));
    m_trace->engine()->setStepMode(false);
    runCases(cases);
}

void CaseRunController::cancelRun()
{
    const bool wasRunningAll = m_runningAll;
    m_runningAll = false;
    m_runner->cancel();
    if (m_trace->isRunning())
        m_trace->engine()->stop();
    m_panel->setRunning(false);
    if (wasRunningAll)
        emit statusMessage(tr("Run all cancelled"), 5000);
}

}  // namespace Rwb
