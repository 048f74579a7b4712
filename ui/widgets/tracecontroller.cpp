#include "widgets/tracecontroller.h"

#include "core/engine/engine.h"
#include "core/policy/headerdiff.h"
#include "widgets/compareview.h"
#include "widgets/hopinspector.h"
#include "widgets/requesteditor.h"
#include "widgets/stepeditor.h"
#include "widgets/urledit.h"
#include "widgets/windowcommand.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QWidget>

namespace Rwb {

namespace {

// Spelled out: without a loaded translation, tr()'s %n plurals would read "2 hop(s)".
QString hopCount(int hops)
{
    return hops == 1 ? TraceController::tr("1 hop") : TraceController::tr("%1 hops").arg(hops);
}

}  // namespace

TraceController::TraceController(const Views &views, QWidget *window)
    : QObject(window)
    , m_views(views)
    , m_engine(new Engine(this))
    , m_model(new TimelineModel(this))
    , m_ticker(new QTimer(this))
{
    createActions(window);
    QListView *timeline = m_views.timeline;
    timeline->setModel(m_model);
    connect(m_model, &TimelineModel::scaleChanged, timeline, [timeline] { timeline->viewport()->update(); });
    connect(
        timeline->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { onCurrentRowChanged(current.isValid() ? current.row() : -1); });
    // The pending card shows the request as edited: what Continue will send.
    connect(m_views.stepEditor, &StepEditor::changed, this, [this] {
        if (m_engine->isPaused())
            m_model->setPending(m_views.stepEditor->request());
    });
    // Activating a row of a compared profile opens that profile's trace in the timeline and inspector.
    connect(m_views.compare, &CompareView::hopSelected, this, [this](const Trace &trace, int row) {
        if (m_engine->isRunning())
            return;
        showTrace(trace);
        m_views.timeline->setCurrentIndex(m_model->index(std::min(row, m_model->rowCount() - 1)));
        m_views.results->setCurrentIndex(0);
    });
    connect(m_views.compare, &CompareView::finished, this, [this] {
        updateActions();
        const qsizetype differences = m_views.compare->differences().size();
        emit statusMessage(differences == 0   ? tr("Compared: the three profiles agree")
                           : differences == 1 ? tr("Compared: 1 difference")
                                              : tr("Compared: %1 differences").arg(differences),
                           8000);
    });
    connect(m_engine, &Engine::hopStarted, this, &TraceController::onHopStarted);
    connect(m_engine, &Engine::hopRecorded, this, &TraceController::onHopRecorded);
    connect(m_engine, &Engine::paused, this, &TraceController::onPaused);
    connect(m_engine, &Engine::finished, this, &TraceController::onFinished);
    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, this, &TraceController::updateStatus);
    updateActions();
    updateStatus();
}

TraceController::~TraceController() = default;

QList<QKeySequence> TraceController::sendShortcuts()
{
    return {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)};
}

void TraceController::createActions(QWidget *window)
{
    struct Spec {
        QAction **action;
        const char *name;
        QString text;
        QList<QKeySequence> keys;
        QString tip;
        void (TraceController::*slot)();
    };
    const QList<Spec> specs = {
        {&m_actions.send, "send", tr("&Send"), sendShortcuts(),
         tr("Send the request and follow every redirect"), &TraceController::send},
        {&m_actions.step,
         "step",
         tr("S&tep"),
         {QKeySequence(Qt::Key_F10)},
         tr("Send one hop, then pause with the next request ready to edit"),
         &TraceController::step},
        {&m_actions.resume,
         "continue",
         tr("&Continue"),
         {QKeySequence(Qt::Key_F8)},
         tr("Send the paused hop (as edited) and follow the rest of the chain"),
         &TraceController::continueTrace},
        {&m_actions.stop,
         "stop",
         tr("St&op"),
         {QKeySequence(Qt::Key_Escape)},
         tr("Cancel the trace at once"),
         &TraceController::stop},
        {&m_actions.compare,
         "compare",
         tr("Co&mpare Profiles"),
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return)},
         tr("Run the request as a browser, curl and a strict RFC 9110 client, side by side"),
         &TraceController::compareProfiles},
    };
    for (const Spec &s : specs) {
        *s.action = newCommand(this, s.name, s.text, s.keys, s.tip);
        connect(*s.action, &QAction::triggered, this, s.slot);
        window->addAction(*s.action);
    }
    m_actions.copyCurl = new QAction(tr("Copy Hop as c&url"), this);
    m_actions.copyCurl->setObjectName(QStringLiteral("copyCurl"));
    m_actions.copyCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_actions.copyCurl->setToolTip(tr("Copy a curl command that repeats the selected hop (Ctrl+Shift+C)"));
    connect(m_actions.copyCurl, &QAction::triggered, this, [this] {
        m_views.inspector->copyCurl();
        emit statusMessage(m_views.inspector->curlCommand().isEmpty()
                               ? tr("Select a hop first")
                               : tr("Copied the hop as a curl command"),
                           4000);
    });
    window->addAction(m_actions.copyCurl);
}

bool TraceController::isRunning() const
{
    return m_engine->isRunning();
}

bool TraceController::start(bool stepMode, const std::optional<ResolvedCase> &resolved)
{
    m_views.editor->urlEdit()->hidePopup();  // Run Case and Run All come here too
    if (m_engine->isRunning() || m_views.compare->isRunning())
        return false;
    RequestEditor *editor = m_views.editor;
    // A saved case runs with its {{variables}} resolved, and its expectations are checked at the end. The
    // case sender leaves a request the editor finds wrong to the check below (a bulk check's case needs no
    // URL: its lines bring theirs).
    if (!resolved && m_caseSender && m_caseSender(stepMode))
        return false;
    const QString problem = editor->validationError();
    if (!problem.isEmpty()) {
        // Shown where the user looks, never as a dialog: the URL field is flagged as well.
        emit statusMessage(tr("Cannot send: %1").arg(problem), 10000);
        editor->urlEdit()->setFocus(Qt::OtherFocusReason);
        return false;
    }
    const RequestSpec request = resolved ? resolved->request : editor->request();
    const Options options = resolved ? resolved->options : editor->options();
    editor->addRecentUrl(resolved ? editor->urlEdit()->text() : request.url.toString());
    m_lastSent = request;
    m_followLatest = true;
    m_views.stepEditor->clear();
    hideStepEditor();
    m_views.inspector->clear();
    m_views.results->setCurrentIndex(0);
    m_model->clear(profileName(options.profile));
    m_elapsed.start();
    m_ticker->start();
    m_engine->setStepMode(stepMode);
    m_engine->start(request, options);
    updateActions();
    updateStatus();
    return true;
}

void TraceController::send()
{
    m_views.editor->urlEdit()->hidePopup();
    if (m_engine->isPaused()) {
        continueTrace();
        return;
    }
    start(false);
}

void TraceController::step()
{
    m_views.editor->urlEdit()->hidePopup();
    if (m_engine->isPaused())
        resumeWith(true);
    else
        start(true);
}

void TraceController::continueTrace()
{
    m_views.editor->urlEdit()->hidePopup();
    if (m_engine->isPaused())
        resumeWith(false);
}

void TraceController::resumeWith(bool stepMode)
{
    StepEditor *stepEditor = m_views.stepEditor;
    const bool edited = stepEditor->edited();
    const RequestSpec next = edited ? stepEditor->request() : m_engine->pendingRequest();
    if (edited && !next.url.isValid()) {
        emit statusMessage(tr("Cannot send the edited hop: the URL is not valid"), 10000);
        return;
    }
    m_lastSent = next;
    hideStepEditor();
    m_engine->setStepMode(stepMode);
    if (edited)
        m_engine->resume(next);
    else
        m_engine->resume();
    updateActions();
}

void TraceController::stop()
{
    if (m_views.compare->isRunning())
        m_views.compare->stop();
    if (m_engine->isRunning())
        m_engine->stop();
}

void TraceController::compareProfiles()
{
    m_views.editor->urlEdit()->hidePopup();
    if (m_engine->isRunning() || m_views.compare->isRunning())
        return;
    RequestEditor *editor = m_views.editor;
    const QString problem = editor->validationError();
    if (!problem.isEmpty()) {
        emit statusMessage(tr("Cannot compare: %1").arg(problem), 10000);
        editor->urlEdit()->setFocus(Qt::OtherFocusReason);
        return;
    }
    editor->addRecentUrl(editor->request().url.toString());
    m_views.results->setCurrentIndex(1);
    m_views.compare->start(editor->request(), editor->options());
    emit statusMessage(tr("Comparing browser, curl and strict…"));
    updateActions();
}

void TraceController::showTrace(const Trace &trace, const QString &caption)
{
    m_caption = caption;
    m_captionFor = trace.startedAt;
    hideStepEditor();
    m_model->setTrace(trace, true);
    m_views.inspector->clear();
    selectFinalHop();
    updateStatus();
}

void TraceController::clear(const QString &profile)
{
    // Nothing of the previous trace stays on screen: not its hops, not the hop the inspector showed.
    m_views.stepEditor->hide();
    m_model->clear(profile);
    m_views.inspector->clear();
    updateStatus();
}

void TraceController::follow(int row)
{
    const QScopedValueRollback<bool> ours(m_selectingLatest, true);
    m_views.timeline->setCurrentIndex(m_model->index(row));
}

void TraceController::selectFinalHop()
{
    if (m_model->rowCount() == 0)
        return;
    // Land on the last hop, the final response, rather than the outcome card.
    follow(std::max(0, m_model->outcomeRow() - 1));
    m_views.timeline->scrollTo(m_model->index(m_model->rowCount() - 1));
}

void TraceController::onHopStarted(int index)
{
    m_model->addHop(m_engine->trace().hops.at(index));
    updateStatus();
}

void TraceController::onHopRecorded(int index)
{
    m_model->updateHop(m_engine->trace().hops.at(index));
    const QModelIndex current = m_views.timeline->currentIndex();
    if (m_followLatest)
        follow(index);
    else if (current.isValid() && current.row() == index)
        m_views.inspector->showHop(m_model->trace(), index);
    updateStatus();
}

void TraceController::onPaused(const RequestSpec &next)
{
    const Trace &trace = m_engine->trace();
    const NoteList notes = trace.hops.isEmpty() ? NoteList() : trace.hops.last().notes;
    StepEditor *stepEditor = m_views.stepEditor;
    if (const std::optional<Profile> profile = profileFromName(trace.profile))
        stepEditor->setProfile(*profile);
    stepEditor->setPending(next, diffHeaders(m_lastSent.headers, next.headers, notes));
    showStepEditor();
    m_model->setPending(next);
    m_views.timeline->scrollTo(m_model->index(m_model->rowCount() - 1));
    updateActions();
    emit statusMessage(
        tr("Paused before hop %1: edit the request, then Continue (F8), Step (F10) or Stop (Esc)")
            .arg(trace.hops.size()));
    updateStatus();
}

void TraceController::showStepEditor()
{
    StepEditor *stepEditor = m_views.stepEditor;
    if (stepEditor->isVisible())
        return;
    // The step editor shares its pane with the inspector. When the pane is too short for both (1280x720),
    // the inspector steps aside while paused, so that the next request's header rows can be read; the
    // timeline's cards still tell each hop, and the inspector comes back when the step editor goes.
    QWidget *pane = stepEditor->parentWidget();
    QWidget *inspector = m_views.inspector;
    if (pane && inspector && inspector->isVisibleTo(pane)
        && pane->height() < stepEditor->minimumSizeHint().height() + inspector->minimumSizeHint().height()
                                + pane->style()->pixelMetric(QStyle::PM_SplitterWidth, nullptr, pane)) {
        inspector->hide();
        m_inspectorHiddenForStep = true;
    }
    stepEditor->show();
}

void TraceController::hideStepEditor()
{
    m_views.stepEditor->hide();
    if (std::exchange(m_inspectorHiddenForStep, false))
        m_views.inspector->show();
}

void TraceController::onFinished()
{
    m_ticker->stop();
    hideStepEditor();
    m_model->finish(m_engine->trace().outcome);
    if (m_followLatest)
        selectFinalHop();
    else
        m_views.timeline->scrollTo(m_model->index(m_model->rowCount() - 1));
    emit statusMessage(m_engine->trace().outcome.message, 10000);
    updateActions();
    updateStatus();
}

void TraceController::onCurrentRowChanged(int row)
{
    if (!m_selectingLatest)
        m_followLatest = false;
    if (row < 0) {
        m_views.inspector->clear();
        return;
    }
    const bool hop = m_model->rowKind(row) == TimelineModel::RowKind::Hop;
    m_views.inspector->showHop(m_model->trace(), hop ? row : -1);
}

void TraceController::updateActions()
{
    const bool running = m_engine->isRunning();
    const bool paused = m_engine->isPaused();
    const bool comparing = m_views.compare->isRunning();
    m_actions.send->setEnabled((!running || paused) && !comparing);
    m_actions.step->setEnabled((!running || paused) && !comparing);
    m_actions.resume->setEnabled(paused);
    m_actions.stop->setEnabled(running || comparing);
    m_actions.compare->setEnabled(!running && !comparing);
}

void TraceController::updateStatus()
{
    const Trace &trace = m_model->trace();
    const int hops = int(trace.hops.size());
    if (m_engine->isRunning()) {
        const QString state = m_engine->isPaused() ? tr("Paused") : tr("Running");
        m_views.status->setText(tr("%1 · %2 · %3 s")
                                    .arg(state, hopCount(hops))
                                    .arg(double(m_elapsed.elapsed()) / 1000.0, 0, 'f', 1));
        return;
    }
    if (hops == 0) {
        m_views.status->setText(tr("Ready"));
        return;
    }
    const double ms = trace.hops.last().timing.endMs;
    QString text = tr("%1 · %2 ms · %3").arg(hopCount(hops)).arg(ms, 0, 'f', 0).arg(trace.profile);
    if (!m_caption.isEmpty() && trace.startedAt == m_captionFor)
        text = m_caption + QStringLiteral(" · ") + text;
    m_views.status->setText(text);
}

}  // namespace Rwb
