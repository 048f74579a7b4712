#include "widgets/sessioncontroller.h"

#include "core/check/casecheck.h"
#include "widgets/casebar.h"
#include "widgets/expectationseditor.h"
#include "widgets/requesteditor.h"
#include "widgets/runhistoryview.h"
#include "widgets/sandboxpanel.h"
#include "widgets/sessionpanel.h"
#include "widgets/sessionsettingsdialog.h"
#include "widgets/tracecontroller.h"
#include "widgets/urledit.h"
#include "widgets/windowcommand.h"
#include "workbench/runhistory.h"
#include "workbench/sessionmodel.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QScopedValueRollback>
#include <QSettings>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

namespace Rwb {

namespace {

constexpr int kMaxRecentSessions = 10;

QString sessionFilter()
{
    return SessionController::tr("Redirect Workbench sessions (*.rwbsession);;All files (*)");
}

}  // namespace

SessionController::SessionController(const Views &views, TraceController *trace, QMainWindow *window)
    : QObject(window)
    , m_views(views)
    , m_trace(trace)
    , m_window(window)
    , m_document(new SessionDocument([this] { return session(); }, this))
    , m_undo(new SessionUndo(
          [this] { return session(); },
          [this](const Session &s, SessionUndo::Direction direction) { restore(s, direction); }, this))
    , m_recentMenu(new QMenu(tr("Open &Recent"), window))
{
    m_recentMenu->setObjectName(QStringLiteral("recentSessions"));
    m_recentSessions = QSettings().value(QStringLiteral("session/recent")).toStringList();
    rebuildRecentMenu();
    createActions();
    SessionPanel *panel = m_views.panel;
    m_caseBar = new CaseBar({m_actions.saveToCase, m_actions.saveAsNewCase, m_actions.revertCase,
                             m_actions.restoreEdits, panel->action(SessionPanel::Action::OpenInBulkCheck)},
                            window);

    connect(panel, &SessionPanel::caseSelected, this, &SessionController::onCaseSelected);
    connect(panel, &SessionPanel::openInBulkCheckRequested, this, &SessionController::requestBulkCheck);
    // A new case starts from the request in the editor (and keeps the trace in the timeline).
    QAction *newCase = panel->action(SessionPanel::Action::NewCase);
    disconnect(newCase, &QAction::triggered, nullptr, nullptr);
    connect(newCase, &QAction::triggered, this, [this] { addCase(); });
    newCase->setToolTip(tr("Save the request in the editor as a new case (%1)")
                            .arg(newCase->shortcut().toString(QKeySequence::NativeText)));
    // The URL field checks {{variables}} against the environment now chosen.
    connect(panel, &SessionPanel::environmentChanged, this, &SessionController::recheckVariables);
    connect(panel->model(), &SessionModel::modified, this, &SessionController::onSessionModified);
    connect(m_views.editor, &RequestEditor::changed, this, &SessionController::onEditorChanged);
    connect(m_views.expectations, &ExpectationsEditor::changed, this, &SessionController::onEditorChanged);
    connect(m_views.history, &RunHistoryView::openRequested, this, &SessionController::showRun);
    connect(m_document, &SessionDocument::modifiedChanged, this, &SessionController::updateTitle);
    connect(m_document, &SessionDocument::pathChanged, this, &SessionController::updateTitle);
    recheckVariables();
    updateTitle();
    updateCaseBar();
}

SessionController::~SessionController() = default;

void SessionController::createActions()
{
    struct Spec {
        QAction **action;
        const char *name;
        QString text;
        QKeySequence key;
        QString tip;
        std::function<void()> run;
    };
    const QList<Spec> specs = {
        {&m_actions.newSession, "newSession", tr("&New Session"), QKeySequence(Qt::CTRL | Qt::Key_N),
         tr("Start an empty session"),
         [this] {
             if (maybeSave())
                 newSession();
         }},
        {&m_actions.openSession, "openSession", tr("&Open Session…"), QKeySequence(Qt::CTRL | Qt::Key_O),
         tr("Open a saved session file"),
         [this] {
             const QString path =
                 QFileDialog::getOpenFileName(m_window, tr("Open Session"), QString(), sessionFilter());
             if (!path.isEmpty())
                 openSession(path);
         }},
        {&m_actions.saveSession, "saveSession", tr("&Save Session"), QKeySequence(Qt::CTRL | Qt::Key_S),
         tr("Save the session, with the edits to the selected case (the previous file is kept as .bak)"),
         [this] {
             // As in Postman or Bruno, Save keeps what the editor shows: a draft goes into its case.
             if (m_draft)
                 saveToCase();
             saveSession();
         }},
        {&m_actions.saveSessionAs, "saveSessionAs", tr("Save Session &As…"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), tr("Save the session under another name"),
         [this] {
             const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Session As"),
                                                               m_document->path(), sessionFilter());
             if (!path.isEmpty())
                 saveSessionAs(path);
         }},
        {&m_actions.saveToCase, "saveToCase", tr("Save to &Case"),
         QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S),
         tr("Put the editor's request, options and expectations into the selected case (undoable)"),
         [this] {
             saveToCase();
         }},
        {&m_actions.saveAsNewCase, "saveAsNewCase", tr("Save as &New Case"), QKeySequence(),
         tr("Keep the editor's request as a new case; the selected case stays as saved"),
         [this] {
             addCase();
         }},
        {&m_actions.revertCase, "revertCase", tr("Re&vert Case Edits"),
         QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R),
         tr("Put the selected case back in the editor as it is saved (Restore Edits brings the edits back)"),
         [this] {
             revertCase();
         }},
        {&m_actions.restoreEdits, "restoreEdits", tr("Restore &Edits"), QKeySequence(),
         tr("Bring back the edits that Revert discarded"),
         [this] {
             restoreEdits();
         }},
        {&m_actions.settings, "sessionSettings", tr("Session &Settings…"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
         tr("The session's name, its {{variables}} and its environments"),
         [this] {
             editSettings();
         }},
    };
    for (const Spec &s : specs) {
        *s.action = newCommand(this, s.name, s.text, {s.key}, s.tip);
        connect(*s.action, &QAction::triggered, this, s.run);
    }
    // Enabled while the stack has a step to undo (redo); their texts stay as given, the steps have none.
    m_actions.undo = m_undo->stack()->createUndoAction(this, tr("&Undo"));
    describeCommand(m_actions.undo, "undoSession", {QKeySequence(Qt::CTRL | Qt::Key_Z)},
                    tr("Undo the last change to the session (a deleted case comes back)"));
    m_actions.redo = m_undo->stack()->createRedoAction(this, tr("&Redo"));
    describeCommand(m_actions.redo, "redoSession", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)},
                    tr("Redo the change just undone"));
    m_window->addActions({m_actions.newSession, m_actions.openSession, m_actions.saveSession,
                          m_actions.saveSessionAs, m_actions.undo, m_actions.redo, m_actions.settings,
                          m_actions.saveToCase, m_actions.saveAsNewCase, m_actions.revertCase,
                          m_actions.restoreEdits});
}

SessionModel *SessionController::model() const
{
    return m_views.panel->model();
}

Session SessionController::session() const
{
    Session s = model()->session();
    if (!m_document->path().isEmpty())  // the cases' relative file names are the saved file's
        s.directory = QFileInfo(m_document->path()).absolutePath();
    return s;
}

QString SessionController::environment() const
{
    return m_views.panel->currentEnvironment();
}

void SessionController::updateTitle()
{
    m_window->setWindowTitle(tr("%1[*] — Redirect Workbench").arg(m_document->displayName()));
    m_window->setWindowModified(m_document->isModified());
}

void SessionController::onSessionModified()
{
    // A run's trace is kept with its case and saved with the session, but it is not an edit: running
    // cases (or opening the demo, which runs them) does not make the session ask to be saved.
    if (!m_storingRun) {
        m_document->markModified();
        updateTitle();
        updateCaseBar();  // a renamed case is named anew
    }
    m_undo->record();
}

// ---- undo ----

void SessionController::undo()
{
    m_undo->stack()->undo();
}

void SessionController::redo()
{
    m_undo->stack()->redo();
}

bool SessionController::canUndo() const
{
    return m_undo->stack()->canUndo();
}

void SessionController::restore(const Session &session, SessionUndo::Direction direction)
{
    SessionModel *model = this->model();
    m_draft = false;  // the case comes back as the undone (redone) session holds it
    m_discarded.reset();
    QList<int> where = model->rowPath(m_views.panel->view()->currentIndex());
    m_currentCase = QPersistentModelIndex();
    model->setSession(session);
    m_views.sandbox->setRules(session.sandboxRules);
    // The row that was selected, or the nearest one above it, or its folder.
    QModelIndex select = model->indexForRowPath(where);
    while (!select.isValid() && !where.isEmpty()) {
        if (where.last() > 0)
            --where.last();
        else
            where.removeLast();
        select = model->indexForRowPath(where);
    }
    if (select.isValid())
        selectCase(select);
    else
        onCaseSelected(QModelIndex());
    m_document->markModified();
    updateTitle();
    emit statusMessage(direction == SessionUndo::Direction::Undo ? tr("Undone") : tr("Redone"), 3000);
}

void SessionController::editSettings()
{
    SessionSettingsDialog dialog(session(), m_window);
    if (dialog.exec() == QDialog::Accepted)
        model()->setSessionSettings(dialog.settings());
}

// ---- variables ----

Variables SessionController::runtimeVariables() const
{
    return m_runtimeVariables ? m_runtimeVariables() : Variables();
}

void SessionController::recheckVariables()
{
    m_views.editor->setVariableResolver(
        [this](const QString &text, QString *error) { return resolveUrlText(text, error); });
}

QString SessionController::resolveUrlText(const QString &text, QString *error) const
{
    SessionCase probe;
    probe.request.url = text;
    const ResolvedCase resolved = resolveCase(probe, session(), environment(), runtimeVariables());
    if (!resolved.error.isEmpty() && resolved.error.contains(QLatin1String("variable"))) {
        *error = resolved.error;
        return text;
    }
    return resolved.request.url.isValid() ? resolved.request.url.toString() : text;
}

// ---- the session file ----

void SessionController::newSession()
{
    loadSession(Session(), QString(), false);
    emit statusMessage(tr("New session"), 4000);
}

void SessionController::loadSession(const Session &session, const QString &path, bool modified)
{
    emit loading();
    m_currentCase = QPersistentModelIndex();
    m_draft = false;
    m_discarded.reset();
    model()->setSession(session);
    m_views.sandbox->setRules(session.sandboxRules);
    m_undo->reset(session);
    if (!modified)
        m_document->reset(path);
    clearExpectations();
    updateTitle();
    const QList<QModelIndex> cases = model()->caseIndexes();
    if (!cases.isEmpty())
        selectCase(cases.constFirst());
}

void SessionController::showFileError(const QString &name, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(name);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool SessionController::openSession(const QString &path)
{
    if (!maybeSave())
        return false;
    const SessionLoadResult loaded = loadSessionFile(path);
    if (!loaded.session) {
        // The file is left as it is: nothing is written to a file that did not load.
        showFileError(QStringLiteral("openError"), tr("Cannot open the session"), loaded.error);
        emit statusMessage(tr("Not opened: %1").arg(loaded.error), 10000);
        return false;
    }
    loadSession(*loaded.session, QFileInfo(path).absoluteFilePath(), false);
    updateRecentSessions(QFileInfo(path).absoluteFilePath());
    emit statusMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool SessionController::saveSession()
{
    if (m_document->path().isEmpty()) {
        const QString path =
            QFileDialog::getSaveFileName(m_window, tr("Save Session"), QString(), sessionFilter());
        return !path.isEmpty() && saveSessionAs(path);
    }
    return saveSessionAs(m_document->path());
}

bool SessionController::saveSessionAs(const QString &path)
{
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += QLatin1String(".rwbsession");
    QString error;
    if (!m_document->save(QFileInfo(target).absoluteFilePath(), &error)) {
        showFileError(QStringLiteral("saveError"), tr("Cannot save the session"),
                      tr("%1\n\nThe session is still open and unsaved; nothing was lost.").arg(error));
        emit statusMessage(tr("Not saved: %1").arg(error), 10000);
        return false;
    }
    updateRecentSessions(m_document->path());
    emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->path())), 5000);
    return true;
}

bool SessionController::maybeSave()
{
    if (!resolveDraft())
        return false;
    if (!m_document->isModified())
        return true;
    int answer = QMessageBox::Cancel;
    if (m_savePrompt) {
        answer = m_savePrompt();
    } else {
        answer = QMessageBox::warning(
            m_window, tr("Unsaved changes"),
            tr("The session \"%1\" has unsaved changes. Save them?").arg(m_document->displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    }
    if (answer == QMessageBox::Save)
        return saveSession();
    if (answer == QMessageBox::Discard) {
        m_document->discardRecovery();
        return true;
    }
    return false;
}

void SessionController::updateRecentSessions(const QString &path)
{
    m_recentSessions.removeAll(path);
    m_recentSessions.prepend(path);
    while (m_recentSessions.size() > kMaxRecentSessions)
        m_recentSessions.removeLast();
    QSettings().setValue(QStringLiteral("session/recent"), m_recentSessions);
    rebuildRecentMenu();
}

void SessionController::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (int i = 0; i < m_recentSessions.size(); ++i) {
        const QString path = m_recentSessions.at(i);
        QAction *a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(
            QFileInfo(path).fileName().replace(QLatin1Char('&'), QLatin1String("&&"))));
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] { openSession(path); });
    }
    m_recentMenu->setEnabled(!m_recentSessions.isEmpty());
}

// ---- the selected case ----

void SessionController::selectCase(const QModelIndex &index)
{
    // A change of the view's current row reaches onCaseSelected() through the panel (once: a draft is
    // asked about once); only when the row was current already is it called from here.
    const bool moves = m_views.panel->view()->currentIndex() != index;
    m_views.panel->view()->setCurrentIndex(index);
    if (!moves && index != QModelIndex(m_currentCase))
        onCaseSelected(index);
}

void SessionController::selectNoCase()
{
    if (!resolveDraft())
        return;
    m_views.panel->view()->setCurrentIndex(QModelIndex());
    onCaseSelected(QModelIndex());
}

void SessionController::clearExpectations()
{
    m_views.expectations->setExpectations({});
    m_views.expectations->setTrace(std::nullopt);
    m_views.expectations->setEnabled(false);
    m_views.history->clear();
}

SessionController::EditorContent SessionController::editorContent() const
{
    return {m_views.editor->caseRequest(), m_views.editor->options(), m_views.expectations->expectations()};
}

void SessionController::setEditorContent(const EditorContent &content)
{
    m_views.editor->setCaseRequest(content.request);
    m_views.editor->setOptions(content.options);
    m_views.expectations->setExpectations(content.expectations);
}

SessionController::EditorState SessionController::editorState() const
{
    if (!m_currentCase.isValid())
        return EditorState::Scratch;
    return m_draft ? EditorState::Draft : EditorState::Saved;
}

QString SessionController::caseLabel(const QModelIndex &index) const
{
    const QString folders = index.data(SessionModel::FolderPathRole).toString();
    const QString name = model()->caseAt(index).name;
    return folders.isEmpty() ? name : folders + QStringLiteral(" / ") + name;
}

void SessionController::updateCaseBar()
{
    const SessionCase c = m_currentCase.isValid() ? model()->caseAt(m_currentCase) : SessionCase();
    // A bulk check's URL field is empty by design (its lines bring their URLs): the field says so rather than
    // looking like a request left unfinished. Only the placeholder changes: the case is not edited.
    m_views.editor->urlEdit()->setBulkCheck(m_currentCase.isValid() && c.bulk);
    if (!m_currentCase.isValid()) {
        m_caseBar->setState(CaseBar::State::Scratch);
        return;
    }
    const QString label = caseLabel(m_currentCase);
    CaseBar::State state = CaseBar::State::Saved;
    if (m_draft)
        state = CaseBar::State::Draft;
    else if (m_discarded)
        state = CaseBar::State::Reverted;
    m_caseBar->setState(state, label, c.bulk);
}

void SessionController::requestBulkCheck(const QModelIndex &index)
{
    SessionCase c = model()->caseAt(index);
    if (!c.bulk)
        return;
    if (index == QModelIndex(m_currentCase)) {  // as Send would run it: a draft's request and options
        c.request = m_views.editor->caseRequest();
        c.options = m_views.editor->options();
    }
    const ResolvedCase resolved = resolveCase(c, session(), environment(), runtimeVariables());
    RequestSpec request;  // the case's method, headers, body and auth, resolved; a line's URL goes in it
    if (resolved.error.isEmpty()) {
        request = resolved.request;
        c.bulk->input = resolved.bulkInput;
        c.bulk->lines = resolved.bulkLines;
        c.options = resolved.options;
    } else {
        // Opened as written, for the user to finish in the window ({{sandbox}} before the sandbox runs).
        emit statusMessage(tr("The bulk check \"%1\" opened as saved: %2").arg(c.name, resolved.error),
                           10000);
    }
    emit openInBulkCheck(c, request);
}

// Filling the editors is not an edit of the case: their setters do not report changed().
void SessionController::onCaseSelected(const QModelIndex &index)
{
    const QModelIndex target = index.isValid() && model()->isCase(index) ? index : QModelIndex();
    if (target == QModelIndex(m_currentCase))
        return;
    if (m_draft) {
        const QPersistentModelIndex leaving = m_currentCase;
        if (!resolveDraft()) {
            // Cancelled: the draft's case stays selected (after the view has finished changing it).
            QTimer::singleShot(0, this, [this, leaving] {
                if (leaving.isValid() && leaving == m_currentCase)
                    m_views.panel->view()->setCurrentIndex(leaving);
            });
            return;
        }
    }
    m_discarded.reset();
    if (!target.isValid()) {
        // The editor keeps its request as a scratch one; the timeline keeps its trace.
        m_currentCase = QPersistentModelIndex();
        clearExpectations();
        updateCaseBar();
        return;
    }
    m_currentCase = target;
    const SessionCase c = model()->caseAt(target);
    fillEditors(c);
    ExpectationsEditor *expectations = m_views.expectations;
    expectations->setEnabled(true);
    expectations->setTrace(c.lastTrace);
    m_views.history->setCase(c);
    if (c.lastTrace) {
        expectations->setResults(checkCase(c, *c.lastTrace).results);
        if (!m_trace->isRunning())
            m_trace->showTrace(*c.lastTrace);
    } else if (!m_trace->isRunning()) {
        // A case that never ran shows no trace: not the one of the case selected before.
        m_trace->clear(profileName(c.options.profile));
    }
    updateCaseBar();
}

void SessionController::fillEditors(const SessionCase &c)
{
    setEditorContent({c.request, c.options, c.expectations});
    m_saved = editorContent();  // as the editors hold it, so that an untouched case is never a draft
    m_draft = false;
}

void SessionController::onEditorChanged()
{
    if (!m_currentCase.isValid())
        return;  // a scratch request: nobody's case
    const bool draft = !(editorContent() == m_saved);
    if (draft)
        m_discarded.reset();
    if (draft == m_draft && !m_discarded)
        return;
    m_draft = draft;
    updateCaseBar();
}

bool SessionController::saveToCase()
{
    if (!m_currentCase.isValid() || !m_draft)
        return false;
    SessionCase c = model()->caseAt(m_currentCase);
    const EditorContent now = editorContent();
    c.request = now.request;
    c.options = now.options;
    c.expectations = now.expectations;
    m_undo->change(SessionUndo::Change::Edit, {}, [&] { model()->setCase(m_currentCase, c); });
    m_saved = now;
    m_draft = false;
    m_discarded.reset();
    updateCaseBar();
    emit statusMessage(tr("Saved the edits to case \"%1\" (Ctrl+Z undoes)").arg(c.name), 5000);
    return true;
}

void SessionController::revertCase()
{
    if (!m_currentCase.isValid() || !m_draft)
        return;
    const EditorContent edits = editorContent();
    fillEditors(model()->caseAt(m_currentCase));
    m_discarded = edits;
    updateCaseBar();
    emit statusMessage(tr("The case is back as saved; Restore Edits brings the edits back"), 8000);
}

void SessionController::restoreEdits()
{
    if (!m_currentCase.isValid() || !m_discarded)
        return;
    const EditorContent edits = *m_discarded;
    m_discarded.reset();
    setEditorContent(edits);
    m_draft = !(editorContent() == m_saved);
    updateCaseBar();
}

bool SessionController::resolveDraft()
{
    if (!m_draft || !m_currentCase.isValid())
        return true;
    const QString name = model()->caseAt(m_currentCase).name;
    int answer = QMessageBox::Cancel;
    if (m_draftPrompt) {
        answer = m_draftPrompt(name);
    } else {
        answer = QMessageBox::question(
            m_window, tr("Edited case"),
            tr("The case \"%1\" has edits that are not saved to it. Save them to the case?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    }
    if (answer == QMessageBox::Save)
        return saveToCase();
    if (answer == QMessageBox::Discard) {
        fillEditors(model()->caseAt(m_currentCase));
        updateCaseBar();
        return true;
    }
    return false;
}

void SessionController::showDraftRunResult(const Trace &trace, const QList<ExpectationResult> &results)
{
    m_views.expectations->setTrace(trace);
    m_views.expectations->setResults(results);
}

void SessionController::storeRunResult(const QModelIndex &index, const Trace &trace,
                                       const QList<ExpectationResult> &results)
{
    SessionCase c = model()->caseAt(index);
    recordRun(&c, trace, m_runsKept);
    const QScopedValueRollback<bool> storing(m_storingRun, true);
    m_undo->change(SessionUndo::Change::RunResult, {}, [&] { model()->setCase(index, c); });
    if (index == QModelIndex(m_currentCase)) {
        m_views.expectations->setTrace(trace);
        m_views.expectations->setResults(results);
        m_views.history->setCase(c);
    }
}

void SessionController::setRunsKept(int runs)
{
    m_runsKept = qBound(1, runs, kMaxRunsKept);
    m_views.history->setRunsKept(m_runsKept);
}

void SessionController::showRun(const CaseRun &run, bool latest)
{
    if (m_trace->isRunning()) {
        emit statusMessage(tr("A trace is running: stop it to look at an earlier run"), 5000);
        return;
    }
    m_trace->showTrace(
        run.trace, latest
                       ? QString()
                       : tr("Earlier run (%1), %2").arg(runVerdictName(run.verdict), runTimeText(run.trace)));
    const QString when = QLocale().toString(run.trace.startedAt.toLocalTime(), QLocale::LongFormat);
    emit statusMessage(latest ? tr("The latest run, of %1").arg(when)
                              : tr("An earlier run, of %1 (%2): the case's latest run is first in History")
                                    .arg(when, runVerdictName(run.verdict)),
                       10000);
}

QModelIndex SessionController::addCase(const std::optional<SessionCase> &testCase)
{
    SessionCase c;
    if (testCase) {
        c = *testCase;
    } else {
        RequestEditor *editor = m_views.editor;
        c.request = editor->caseRequest();
        c.options = editor->options();
        if (m_currentCase.isValid())
            c.expectations = m_views.expectations->expectations();  // a copy of the case as edited
        const QUrl url = editor->urlEdit()->url();
        c.name = url.isValid() && !url.host().isEmpty() ? QStringLiteral("%1 %2").arg(
                     c.request.method, url.path().isEmpty() ? url.host() : url.path())
                                                        : tr("New case");
        const Trace &shown = m_trace->model()->trace();
        if (!shown.hops.isEmpty() && !m_trace->isRunning())
            c.lastTrace = shown;
    }
    // The draft goes into the new case; the case it was made from stays as saved.
    m_draft = false;
    m_discarded.reset();
    const QModelIndex added = model()->addCase(m_views.panel->view()->currentIndex(), c);
    selectCase(added);
    return added;
}

// ---- recovery ----

void SessionController::offerRecovery()
{
    const QList<SessionDocument::Recovery> pending = SessionDocument::pendingRecoveries();
    if (pending.isEmpty()) {
        m_pendingRecovery.reset();
        m_views.recoveryBar->hide();
        return;
    }
    m_pendingRecovery = pending.constFirst();
    const QString name = m_pendingRecovery->originalPath.isEmpty()
                             ? tr("an untitled session")
                             : QFileInfo(m_pendingRecovery->originalPath).fileName();
    m_views.recoveryText->setText(
        tr("Unsaved changes to %1 were kept when Redirect Workbench last stopped (%2). "
           "Restore them?")
            .arg(name, QLocale().toString(m_pendingRecovery->savedAt.toLocalTime(), QLocale::ShortFormat)));
    m_views.recoveryBar->show();
}

void SessionController::restoreRecovery()
{
    if (!m_pendingRecovery)
        return;
    const SessionLoadResult loaded = m_document->adopt(*m_pendingRecovery);
    m_pendingRecovery.reset();
    m_views.recoveryBar->hide();
    if (!loaded.session) {
        emit statusMessage(tr("The recovery copy could not be read: %1").arg(loaded.error), 10000);
        return;
    }
    loadSession(*loaded.session, m_document->path(), true);
    emit statusMessage(tr("Restored the unsaved session; save it to keep it"), 8000);
}

void SessionController::discardRecovery()
{
    if (m_pendingRecovery)
        SessionDocument::removeRecovery(*m_pendingRecovery);
    m_pendingRecovery.reset();
    offerRecovery();  // an older one may be waiting too
}

}  // namespace Rwb
