// MainWindow's sessions: the File menu, the session panel, running saved cases, autosave and recovery,
// trace export and import. (The request, timeline and inspector side is in mainwindow.cpp.)
#include "widgets/mainwindow.h"

#include "core/check/casecheck.h"
#include "core/engine/engine.h"
#include "core/formats/curlcommand.h"
#include "core/formats/harimport.h"
#include "core/formats/traceexport.h"
#include "core/session/caserunner.h"
#include "widgets/expectationseditor.h"
#include "widgets/requesteditor.h"
#include "widgets/sandboxpanel.h"
#include "widgets/sessionmodel.h"
#include "widgets/sessionpanel.h"
#include "widgets/sessionsettingsdialog.h"
#include "widgets/timelinedelegate.h"
#include "workbench/sessiondocument.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Rwb {

namespace {

constexpr int kMaxRecentSessions = 10;
constexpr qint64 kMaxHarBytes = 256 * 1024 * 1024;

QString sessionFilter()
{
    return MainWindow::tr("Redirect Workbench sessions (*.rwbsession);;All files (*)");
}

bool isSessionFile(const QUrl &url)
{
    return url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".rwbsession"), Qt::CaseInsensitive);
}

// Export formats as the dialog offers them: the format name, the dialog's filter, the suffix.
struct ExportChoice {
    const char *format;
    const char *filter;
    const char *suffix;
};
constexpr ExportChoice kExportChoices[] = {
    {"har", QT_TRANSLATE_NOOP("MainWindow", "HAR 1.2 (*.har)"), "har"},
    {"json", QT_TRANSLATE_NOOP("MainWindow", "Trace JSON (*.json)"), "json"},
    {"csv", QT_TRANSLATE_NOOP("MainWindow", "CSV, a row per hop (*.csv)"), "csv"},
    {"md", QT_TRANSLATE_NOOP("MainWindow", "Markdown table (*.md)"), "md"},
    {"curl", QT_TRANSLATE_NOOP("MainWindow", "curl script (*.sh)"), "sh"},
    {"png", QT_TRANSLATE_NOOP("MainWindow", "Timeline picture (*.png)"), "png"},
};

}  // namespace

SessionModel *MainWindow::sessionModel() const
{
    return m_sessionPanel->model();
}

void MainWindow::createSessionActions()
{
    struct Spec {
        const char *name;
        QString text;
        QKeySequence key;
        QString tip;
        std::function<void()> run;
    };
    const QList<Spec> specs = {
        {"newSession", tr("&New Session"), QKeySequence(Qt::CTRL | Qt::Key_N), tr("Start an empty session"),
         [this] {
             if (maybeSave())
                 newSession();
         }},
        {"openSession", tr("&Open Session…"), QKeySequence(Qt::CTRL | Qt::Key_O),
         tr("Open a saved session file"),
         [this] {
             const QString path =
                 QFileDialog::getOpenFileName(this, tr("Open Session"), QString(), sessionFilter());
             if (!path.isEmpty())
                 openSession(path);
         }},
        {"saveSession", tr("&Save Session"), QKeySequence(Qt::CTRL | Qt::Key_S),
         tr("Save the session (the previous file is kept as .bak)"),
         [this] {
             saveSession();
         }},
        {"saveSessionAs", tr("Save Session &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
         tr("Save the session under another name"),
         [this] {
             QString path = QFileDialog::getSaveFileName(this, tr("Save Session As"), m_document->path(),
                                                         sessionFilter());
             if (!path.isEmpty())
                 saveSessionAs(path);
         }},
        {"exportTrace", tr("&Export Trace…"), QKeySequence(Qt::CTRL | Qt::Key_E),
         tr("Save the trace in the timeline as HAR, JSON, CSV, Markdown, a curl script or a picture"),
         [this] {
             exportWithDialog();
         }},
        {"importCurl", tr("Import &curl Command…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
         tr("Make a case from a curl command line (as a browser's \"Copy as cURL\" gives it)"),
         [this] {
             importCurlWithDialog();
         }},
        {"importHar", tr("Import &HAR…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
         tr("Make a case from every chain in a HAR file"),
         [this] {
             importHarWithDialog();
         }},
        {"undoSession", tr("&Undo"), QKeySequence(Qt::CTRL | Qt::Key_Z),
         tr("Undo the last change to the session (a deleted case comes back)"),
         [this] {
             undoSessionChange();
         }},
        {"redoSession", tr("&Redo"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
         tr("Redo the change just undone"),
         [this] {
             redoSessionChange();
         }},
        {"sessionSettings", tr("Session &Settings…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
         tr("The session's name, its {{variables}} and its environments"),
         [this] {
             editSessionSettings();
         }},
    };
    for (const Spec &s : specs) {
        auto *a = new QAction(s.text, this);
        a->setObjectName(QLatin1String(s.name));
        a->setShortcut(s.key);
        a->setToolTip(s.key.isEmpty()
                          ? s.tip
                          : QStringLiteral("%1 (%2)").arg(s.tip, s.key.toString(QKeySequence::NativeText)));
        a->setStatusTip(s.tip);
        connect(a, &QAction::triggered, this, s.run);
        addAction(a);
        m_actions.insert(QLatin1String(s.name), a);
    }
    auto *keep = new QAction(tr("&Keep Secrets in Exports"), this);
    keep->setObjectName(QStringLiteral("keepSecrets"));
    keep->setCheckable(true);
    keep->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    keep->setToolTip(tr("Off: exports replace Authorization, Cookie and Set-Cookie values and secret query "
                        "parameters with [redacted] (%1)")
                         .arg(keep->shortcut().toString(QKeySequence::NativeText)));
    addAction(keep);
    // A shortcut can flip it unseen: say which way exports now go.
    connect(keep, &QAction::toggled, this, [this](bool on) {
        statusBar()->showMessage(
            on ? tr("Exports now keep secrets (Authorization, cookies, tokens) as they are")
               : tr("Exports are redacted again"),
            8000);
    });
    m_actions.insert(keep->objectName(), keep);
}

void MainWindow::buildSessionUi()
{
    m_document = new SessionDocument([this] { return currentSession(); }, this);
    m_sessionPanel = new SessionPanel(this);
    m_sessionPanel->setObjectName(QStringLiteral("sessionPanel"));
    m_expectations = new ExpectationsEditor(this);
    m_expectations->setObjectName(QStringLiteral("expectations"));
    const int tab = m_editor->tabs()->addTab(m_expectations, tr("E&xpectations"));
    m_editor->tabs()->setTabToolTip(tab, tr("What the selected case's chain must do, checked on every run"));
    m_expectations->setEnabled(false);

    // The recovery bar sits above everything, shown only when a crashed session's copy is waiting.
    m_recoveryBar = new QFrame(this);
    m_recoveryBar->setObjectName(QStringLiteral("recoveryBar"));
    m_recoveryBar->setFrameShape(QFrame::StyledPanel);
    m_recoveryText = new QLabel(m_recoveryBar);
    m_recoveryText->setWordWrap(true);
    auto *restore = new QPushButton(tr("&Restore"), m_recoveryBar);
    restore->setObjectName(QStringLiteral("restoreRecovery"));
    restore->setToolTip(tr("Open the unsaved session as it was last autosaved"));
    auto *discard = new QPushButton(tr("&Discard"), m_recoveryBar);
    discard->setObjectName(QStringLiteral("discardRecovery"));
    discard->setToolTip(tr("Delete the recovery copy"));
    connect(restore, &QPushButton::clicked, this, &MainWindow::restoreRecovery);
    connect(discard, &QPushButton::clicked, this, &MainWindow::discardRecovery);
    auto *barLayout = new QHBoxLayout(m_recoveryBar);
    barLayout->addWidget(m_recoveryText, 1);
    barLayout->addWidget(restore);
    barLayout->addWidget(discard);
    m_recoveryBar->hide();

    m_sessionSplitter = new QSplitter(Qt::Horizontal, this);
    m_sessionSplitter->setObjectName(QStringLiteral("sessionSplitter"));
    m_sessionSplitter->addWidget(m_sessionPanel);
    m_sessionSplitter->addWidget(m_mainSplitter);
    m_sessionSplitter->setStretchFactor(0, 0);
    m_sessionSplitter->setStretchFactor(1, 1);
    m_sessionSplitter->setSizes({260, 1180});
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_recoveryBar);
    layout->addWidget(m_sessionSplitter, 1);
    setCentralWidget(central);
    setAcceptDrops(true);

    SessionModel *model = m_sessionPanel->model();
    connect(m_sessionPanel, &SessionPanel::caseSelected, this, &MainWindow::onCaseSelected);
    connect(m_sessionPanel, &SessionPanel::runCaseRequested, this, &MainWindow::runCase);
    connect(m_sessionPanel, &SessionPanel::runAllRequested, this, &MainWindow::runAll);
    connect(m_sessionPanel, &SessionPanel::cancelRequested, this, &MainWindow::cancelRun);
    createCaseRunner();
    // A new case starts from the request in the editor (and keeps the trace in the timeline).
    QAction *newCase = m_sessionPanel->action(SessionPanel::Action::NewCase);
    disconnect(newCase, &QAction::triggered, nullptr, nullptr);
    connect(newCase, &QAction::triggered, this, [this] { addCase(); });
    newCase->setToolTip(tr("Save the request in the editor as a new case (%1)")
                            .arg(newCase->shortcut().toString(QKeySequence::NativeText)));
    connect(m_sessionPanel, &SessionPanel::environmentChanged, this, [this] {
        // The URL field checks {{variables}} against the environment now chosen.
        m_editor->setVariableResolver(
            [this](const QString &text, QString *error) { return resolveUrlText(text, error); });
    });
    connect(model, &SessionModel::modified, this, &MainWindow::onSessionModified);
    connect(m_editor, &RequestEditor::changed, this, &MainWindow::storeEditorInCase);
    connect(m_expectations, &ExpectationsEditor::changed, this, &MainWindow::storeEditorInCase);
    connect(m_document, &SessionDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &SessionDocument::pathChanged, this, &MainWindow::updateTitle);
    m_editor->setVariableResolver(
        [this](const QString &text, QString *error) { return resolveUrlText(text, error); });
    updateTitle();
}

Session MainWindow::currentSession() const
{
    return m_sessionPanel->model()->session();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — Redirect Workbench").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::onSessionModified()
{
    m_document->markModified();
    updateTitle();
    if (m_restoring)
        return;
    const Session now = currentSession();
    // Typing in one case's request is one step until a pause; a run's result is never a step of its own.
    const bool sameTyping = m_editingFromEditor && m_typingCase == m_currentCase && m_lastTyping.isValid()
                            && m_lastTyping.elapsed() < 1500;
    if (!m_recordingRun && !sameTyping) {
        m_undo.append(m_snapshot);
        if (m_undo.size() > 100)
            m_undo.removeFirst();
        m_redo.clear();
    }
    if (m_editingFromEditor) {
        m_typingCase = m_currentCase;
        m_lastTyping.start();
    } else {
        m_typingCase = QPersistentModelIndex();
    }
    m_snapshot = now;
    updateUndoActions();
}

void MainWindow::updateUndoActions()
{
    action(QStringLiteral("undoSession"))->setEnabled(!m_undo.isEmpty());
    action(QStringLiteral("redoSession"))->setEnabled(!m_redo.isEmpty());
}

void MainWindow::restoreSnapshot(const Session &session)
{
    QList<int> where = m_sessionPanel->model()->rowPath(m_sessionPanel->view()->currentIndex());
    m_restoring = true;
    m_currentCase = QPersistentModelIndex();
    m_sessionPanel->model()->setSession(session);
    m_sandboxPanel->setRules(session.sandboxRules);
    m_snapshot = session;
    m_typingCase = QPersistentModelIndex();
    // The row that was selected, or the nearest one above it, or its folder.
    QModelIndex select = m_sessionPanel->model()->indexForRowPath(where);
    while (!select.isValid() && !where.isEmpty()) {
        if (where.last() > 0)
            --where.last();
        else
            where.removeLast();
        select = m_sessionPanel->model()->indexForRowPath(where);
    }
    if (select.isValid())
        selectCase(select);
    else
        onCaseSelected(QModelIndex());
    m_restoring = false;
    m_document->markModified();
    updateTitle();
    updateUndoActions();
}

void MainWindow::undoSessionChange()
{
    if (m_undo.isEmpty())
        return;
    m_redo.append(currentSession());
    restoreSnapshot(m_undo.takeLast());
    statusBar()->showMessage(tr("Undone"), 3000);
}

void MainWindow::redoSessionChange()
{
    if (m_redo.isEmpty())
        return;
    m_undo.append(currentSession());
    restoreSnapshot(m_redo.takeLast());
    statusBar()->showMessage(tr("Redone"), 3000);
}

void MainWindow::editSessionSettings()
{
    SessionSettingsDialog dialog(currentSession(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_sessionPanel->model()->setSessionSettings(dialog.settings());
}

QString MainWindow::resolveUrlText(const QString &text, QString *error) const
{
    SessionCase probe;
    probe.request.url = text;
    const ResolvedCase resolved =
        resolveCase(probe, currentSession(), m_sessionPanel->currentEnvironment(), runtimeVariables());
    if (!resolved.error.isEmpty() && resolved.error.contains(QLatin1String("variable"))) {
        *error = resolved.error;
        return text;
    }
    return resolved.request.url.isValid() ? resolved.request.url.toString() : text;
}

// ---- the session file ----

void MainWindow::newSession()
{
    loadSession(Session(), QString(), false);
    statusBar()->showMessage(tr("New session"), 4000);
}

void MainWindow::loadSession(const Session &session, const QString &path, bool modified)
{
    cancelRun();
    m_currentCase = QPersistentModelIndex();
    m_sessionPanel->model()->setSession(session);
    m_sandboxPanel->setRules(session.sandboxRules);
    m_snapshot = session;
    m_undo.clear();
    m_redo.clear();
    m_typingCase = QPersistentModelIndex();
    updateUndoActions();
    if (!modified)
        m_document->reset(path);
    m_expectations->setExpectations({});
    m_expectations->setTrace(std::nullopt);
    m_expectations->setEnabled(false);
    updateTitle();
    const QList<QModelIndex> cases = m_sessionPanel->model()->caseIndexes();
    if (!cases.isEmpty())
        selectCase(cases.constFirst());
}

bool MainWindow::openSession(const QString &path)
{
    if (!maybeSave())
        return false;
    const SessionLoadResult loaded = loadSessionFile(path);
    if (!loaded.session) {
        // The file is left as it is: nothing is written to a file that did not load.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot open the session"), loaded.error,
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("openError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        statusBar()->showMessage(tr("Not opened: %1").arg(loaded.error), 10000);
        return false;
    }
    loadSession(*loaded.session, QFileInfo(path).absoluteFilePath(), false);
    updateRecentSessions(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::saveSession()
{
    if (m_document->path().isEmpty()) {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save Session"), QString(), sessionFilter());
        return !path.isEmpty() && saveSessionAs(path);
    }
    return saveSessionAs(m_document->path());
}

bool MainWindow::saveSessionAs(const QString &path)
{
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += QLatin1String(".rwbsession");
    QString error;
    if (!m_document->save(QFileInfo(target).absoluteFilePath(), &error)) {
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("Cannot save the session"),
                            tr("%1\n\nThe session is still open and unsaved; nothing was lost.").arg(error),
                            QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("saveError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        statusBar()->showMessage(tr("Not saved: %1").arg(error), 10000);
        return false;
    }
    updateRecentSessions(m_document->path());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->path())), 5000);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    int answer = QMessageBox::Cancel;
    if (m_savePrompt) {
        answer = m_savePrompt();
    } else {
        answer = QMessageBox::warning(
            this, tr("Unsaved changes"),
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

void MainWindow::updateRecentSessions(const QString &path)
{
    m_recentSessions.removeAll(path);
    m_recentSessions.prepend(path);
    while (m_recentSessions.size() > kMaxRecentSessions)
        m_recentSessions.removeLast();
    QSettings().setValue(QStringLiteral("session/recent"), m_recentSessions);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
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

// ---- cases ----

void MainWindow::selectCase(const QModelIndex &index)
{
    m_sessionPanel->view()->setCurrentIndex(index);
    if (index != QModelIndex(m_currentCase))
        onCaseSelected(index);
}

void MainWindow::onCaseSelected(const QModelIndex &index)
{
    SessionModel *model = m_sessionPanel->model();
    if (!index.isValid() || !model->isCase(index)) {
        m_currentCase = QPersistentModelIndex();
        m_expectations->setExpectations({});
        m_expectations->setTrace(std::nullopt);
        m_expectations->setEnabled(false);
        return;
    }
    if (index == QModelIndex(m_currentCase))
        return;
    m_currentCase = index;
    const SessionCase c = model->caseAt(index);
    m_loadingCase = true;
    m_editor->setCaseRequest(c.request);
    m_editor->setOptions(c.options);
    m_expectations->setEnabled(true);
    m_expectations->setExpectations(c.expectations);
    m_expectations->setTrace(c.lastTrace);
    if (c.lastTrace) {
        m_expectations->setResults(checkCase(c, *c.lastTrace).results);
        if (!m_engine->isRunning())
            showTrace(*c.lastTrace);
    } else if (!m_engine->isRunning()) {
        m_model->clear(profileName(c.options.profile));
        updateStatus();
    }
    m_loadingCase = false;
}

void MainWindow::storeEditorInCase()
{
    if (m_loadingCase || !m_currentCase.isValid())
        return;
    SessionModel *model = m_sessionPanel->model();
    SessionCase c = model->caseAt(m_currentCase);
    c.request = m_editor->caseRequest();
    c.options = m_editor->options();
    c.expectations = m_expectations->expectations();
    m_editingFromEditor = true;
    model->setCase(m_currentCase, c);
    m_editingFromEditor = false;
}

QModelIndex MainWindow::addCase(const std::optional<SessionCase> &testCase)
{
    SessionCase c;
    if (testCase) {
        c = *testCase;
    } else {
        c.request = m_editor->caseRequest();
        c.options = m_editor->options();
        const QUrl url = m_editor->urlEdit()->url();
        c.name = url.isValid() && !url.host().isEmpty() ? QStringLiteral("%1 %2").arg(
                     c.request.method, url.path().isEmpty() ? url.host() : url.path())
                                                        : tr("New case");
        if (!m_model->trace().hops.isEmpty() && !m_engine->isRunning())
            c.lastTrace = m_model->trace();
    }
    const QModelIndex added = m_sessionPanel->model()->addCase(m_sessionPanel->view()->currentIndex(), c);
    selectCase(added);
    return added;
}

// Saved cases run through m_runner, the one CaseRunner of the window and `rwb run`: it resolves each case,
// gives the verdict and its words. It starts each chain through startChecked(), so the timeline, the
// step editor and Stop work for a case as for any request.
bool MainWindow::isRunningCases() const
{
    return m_runner->isRunning();
}

bool MainWindow::startCaseRun(bool stepMode, RequestSpec *request, Options *options)
{
    if (!m_currentCase.isValid())
        return true;  // a request of its own, not a case
    if (m_startingCase) {
        // The runner starts its case: the request goes out as resolved.
        *request = m_startingCase->request;
        *options = m_startingCase->options;
        m_runningCase = m_currentCase;
        m_sessionPanel->model()->setRunState(m_runningCase, SessionModel::RunState::Running);
        return true;
    }
    if (isRunningCases()) {
        statusBar()->showMessage(tr("Cannot send: the cases are running (Cancel stops them)"), 10000);
        return false;
    }
    // Send on a case runs that case, as the editor shows it; the runner comes back here to start it.
    SessionCase c = m_sessionPanel->model()->caseAt(m_currentCase);
    c.request = m_editor->caseRequest();
    c.options = m_editor->options();
    m_engine->setStepMode(stepMode);
    runCases({m_currentCase}, c);
    return false;  // started already, or reported as not run
}

void MainWindow::createCaseRunner()
{
    m_runner = new CaseRunner(m_engine, this);
    m_runner->setStarter([this](const QVariant &id, const RequestSpec &request, const Options &options) {
        return startRunnerCase(id, request, options);
    });
    // Each case is selected as it comes up, so that the editor and the timeline show it.
    connect(m_runner, &CaseRunner::caseStarted, this, [this](int, const QVariant &id) {
        const QPersistentModelIndex index = id.value<QPersistentModelIndex>();
        if (index.isValid())
            selectCase(index);
    });
    connect(m_runner, &CaseRunner::progress, this, [this](int done, int total) {
        if (m_runningAll)
            m_sessionPanel->setRunProgress(done, total);
    });
    connect(m_runner, &CaseRunner::caseFinished, this, &MainWindow::onRunnerCaseFinished);
    connect(m_runner, &CaseRunner::finished, this, &MainWindow::onRunnerFinished);
}

void MainWindow::runCases(const QList<QModelIndex> &cases, const std::optional<SessionCase> &edited)
{
    SessionModel *model = m_sessionPanel->model();
    QList<CaseRunJob> jobs;
    for (const QModelIndex &index : cases)
        jobs.append(
            {QVariant::fromValue(QPersistentModelIndex(index)), edited ? *edited : model->caseAt(index)});
    m_runPassed = m_runFailed = 0;
    m_runner->start(jobs, currentSession(), m_sessionPanel->currentEnvironment(), runtimeVariables());
}

QString MainWindow::startRunnerCase(const QVariant &id, const RequestSpec &request, const Options &options)
{
    const QPersistentModelIndex index = id.value<QPersistentModelIndex>();
    if (!index.isValid())
        return tr("the case was deleted");
    if (index != m_currentCase)
        selectCase(index);
    m_startingCase = ResolvedCase{request, options, QString()};
    const bool started = startChecked(m_engine->stepMode());  // Send on a case set the step mode
    m_startingCase.reset();
    if (started)
        return {};
    const QString why = m_editor->validationError();
    return why.isEmpty() ? tr("another trace is running") : why;
}

void MainWindow::caseRunFinished(const Trace &trace)
{
    Q_UNUSED(trace)  // the runner checks it and reports the verdict (onRunnerCaseFinished)
    m_runningCase = QPersistentModelIndex();
}

void MainWindow::onRunnerCaseFinished(const CaseRunResult &result)
{
    const QPersistentModelIndex index = result.id.value<QPersistentModelIndex>();
    SessionModel *model = m_sessionPanel->model();
    if (!index.isValid())
        return;  // deleted while the run went on
    if (result.stopped()) {
        // Stopped by the user: not a verdict on the case, and not worth keeping as its last trace.
        model->setRunState(index, SessionModel::RunState::NotRun);
        return;
    }
    SessionCase c = model->caseAt(index);
    if (result.trace) {
        c.lastTrace = result.trace;
        m_recordingRun = true;
        model->setCase(index, c);
        m_recordingRun = false;
        if (index == QModelIndex(m_currentCase)) {
            m_expectations->setTrace(result.trace);
            m_expectations->setResults(result.verdict.results);
        }
    }
    model->setRunState(index,
                       result.passed() ? SessionModel::RunState::Passed : SessionModel::RunState::Failed,
                       verdictLines(result));
    (result.passed() ? m_runPassed : m_runFailed)++;
    statusBar()->showMessage(tr("%1: %2").arg(c.name, verdictText(result)), 10000);
}

void MainWindow::onRunnerFinished()
{
    if (!m_runningAll)
        return;
    m_runningAll = false;
    m_sessionPanel->setRunning(false);
    statusBar()->showMessage(tr("Run all: %1 passed, %2 failed").arg(m_runPassed).arg(m_runFailed), 15000);
}

void MainWindow::runCase(const QModelIndex &index)
{
    if (m_engine->isRunning() || isRunningCases() || !m_sessionPanel->model()->isCase(index))
        return;
    selectCase(index);
    send();
}

void MainWindow::runAll()
{
    if (m_engine->isRunning() || isRunningCases())
        return;
    const QList<QModelIndex> cases = m_sessionPanel->model()->caseIndexes();
    if (cases.isEmpty()) {
        statusBar()->showMessage(tr("The session has no cases to run"), 5000);
        return;
    }
    m_sessionPanel->model()->clearRunStates();
    m_runningAll = true;
    m_sessionPanel->setRunning(true);
    m_sessionPanel->setRunProgress(0, int(cases.size()));
    m_engine->setStepMode(false);
    runCases(cases);
}

void MainWindow::cancelRun()
{
    const bool wasRunningAll = m_runningAll;
    m_runningAll = false;
    m_runner->cancel();
    if (m_engine->isRunning())
        m_engine->stop();
    m_sessionPanel->setRunning(false);
    if (wasRunningAll)
        statusBar()->showMessage(tr("Run all cancelled"), 5000);
}

// ---- recovery ----

void MainWindow::offerRecovery()
{
    const QList<SessionDocument::Recovery> pending = SessionDocument::pendingRecoveries();
    if (pending.isEmpty()) {
        m_pendingRecovery.reset();
        m_recoveryBar->hide();
        return;
    }
    m_pendingRecovery = pending.constFirst();
    const QString name = m_pendingRecovery->originalPath.isEmpty()
                             ? tr("an untitled session")
                             : QFileInfo(m_pendingRecovery->originalPath).fileName();
    m_recoveryText->setText(
        tr("Unsaved changes to %1 were kept when Redirect Workbench last stopped (%2). "
           "Restore them?")
            .arg(name, QLocale().toString(m_pendingRecovery->savedAt.toLocalTime(), QLocale::ShortFormat)));
    m_recoveryBar->show();
}

void MainWindow::restoreRecovery()
{
    if (!m_pendingRecovery)
        return;
    const SessionLoadResult loaded = m_document->adopt(*m_pendingRecovery);
    m_pendingRecovery.reset();
    m_recoveryBar->hide();
    if (!loaded.session) {
        statusBar()->showMessage(tr("The recovery copy could not be read: %1").arg(loaded.error), 10000);
        return;
    }
    loadSession(*loaded.session, m_document->path(), true);
    statusBar()->showMessage(tr("Restored the unsaved session; save it to keep it"), 8000);
}

void MainWindow::discardRecovery()
{
    if (m_pendingRecovery)
        SessionDocument::removeRecovery(*m_pendingRecovery);
    m_pendingRecovery.reset();
    offerRecovery();  // an older one may be waiting too
}

// ---- drag and drop of session files ----

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (std::any_of(urls.begin(), urls.end(), isSessionFile))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (isSessionFile(url)) {
            event->acceptProposedAction();
            // After the drop has returned: openSession() may ask about unsaved changes.
            const QString path = url.toLocalFile();
            QTimer::singleShot(0, this, [this, path] { openSession(path); });
            return;
        }
    }
}

// ---- export and import ----

QImage MainWindow::timelineImage() const
{
    constexpr int kMaxRows = 2000;
    const int rows = std::min(m_model->rowCount(), kMaxRows);
    const int width = std::max(m_timeline->viewport()->width(), 900);
    QStyleOptionViewItem option;
    option.initFrom(m_timeline);
    option.widget = m_timeline;
    option.font = m_timeline->font();
    option.fontMetrics = QFontMetrics(option.font);
    option.state = QStyle::State_Enabled;
    const int height = m_timeline->itemDelegate()->sizeHint(option, m_model->index(0)).height();
    QImage image(width, std::max(1, rows * height), QImage::Format_ARGB32_Premultiplied);
    image.fill(m_timeline->palette().color(QPalette::Base));
    QPainter painter(&image);
    for (int row = 0; row < rows; ++row) {
        option.rect = QRect(0, row * height, width, height);
        m_timeline->itemDelegate()->paint(&painter, option, m_model->index(row));
    }
    return image;
}

bool MainWindow::exportTrace(const QString &path, const QString &format, bool keepSecrets, QString *error)
{
    const Trace &trace = m_model->trace();
    if (trace.hops.isEmpty()) {
        *error = tr("There is no trace to export: send a request or run a case first");
        return false;
    }
    if (m_engine->isRunning()) {
        *error = tr("The trace is still running");
        return false;
    }
    QByteArray bytes;
    if (format == QLatin1String("png")) {
        // The picture shows hosts and paths only; no header values, so nothing to redact.
        QImage image = timelineImage();
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG")) {
            *error = tr("The picture could not be made");
            return false;
        }
    } else {
        const std::optional<ExportFormat> f = exportFormatFromName(format);
        if (!f) {
            *error = tr("Unknown export format \"%1\"").arg(format);
            return false;
        }
        ExportOptions options;
        options.keepSecrets = keepSecrets;
        bytes = Rwb::exportTrace(trace, *f, options);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void MainWindow::exportWithDialog()
{
    QStringList filters;
    for (const ExportChoice &c : kExportChoices)
        filters.append(tr(c.filter));
    QString selected = filters.constFirst();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Trace"), QString(),
                                                      filters.join(QLatin1String(";;")), &selected);
    if (path.isEmpty())
        return;
    const ExportChoice *choice = &kExportChoices[0];
    for (const ExportChoice &c : kExportChoices) {
        if (tr(c.filter) == selected)
            choice = &c;
    }
    // A typed suffix wins over the filter.
    for (const ExportChoice &c : kExportChoices) {
        if (QFileInfo(path).suffix().compare(QLatin1String(c.suffix), Qt::CaseInsensitive) == 0)
            choice = &c;
    }
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += QLatin1Char('.') + QLatin1String(choice->suffix);
    QString error;
    const bool keep = action(QStringLiteral("keepSecrets"))->isChecked();
    if (exportTrace(target, QLatin1String(choice->format), keep, &error))
        statusBar()->showMessage(
            keep ? tr("Exported %1 (secrets kept)").arg(QDir::toNativeSeparators(target))
                 : tr("Exported %1 (secrets redacted)").arg(QDir::toNativeSeparators(target)),
            8000);
    else
        QMessageBox::warning(this, tr("Cannot export"), error);
}

bool MainWindow::importCurlCase(const QString &commandLine, QString *error)
{
    const CurlParseResult parsed = parseCurlCommand(commandLine);
    if (!parsed.command) {
        *error = parsed.error;
        return false;
    }
    SessionCase c;
    c.request = caseRequestFromSpec(parsed.command->request);
    c.options = parsed.command->options;
    c.name = QStringLiteral("%1 %2").arg(QString::fromUtf8(parsed.command->request.method),
                                         parsed.command->request.url.toDisplayString());
    addCase(c);
    return true;
}

bool MainWindow::importHarFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (file.size() > kMaxHarBytes) {
        *error = tr("%1: larger than 256 MiB").arg(QDir::toNativeSeparators(path));
        return false;
    }
    const HarImportResult result = importHar(file.readAll());
    if (!result.error.isEmpty()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), result.error);
        return false;
    }
    if (result.chains.isEmpty()) {
        *error = tr("%1: no requests in it").arg(QDir::toNativeSeparators(path));
        return false;
    }
    QModelIndex first;
    for (const HarChain &chain : result.chains) {
        SessionCase c;
        c.name = chain.name;
        c.request = caseRequestFromSpec(chain.request);
        const QModelIndex added = addCase(c);
        if (!first.isValid())
            first = added;
    }
    statusBar()->showMessage(
        result.chains.size() == 1
            ? tr("Imported 1 case from %1").arg(QFileInfo(path).fileName())
            : tr("Imported %1 cases from %2").arg(result.chains.size()).arg(QFileInfo(path).fileName()),
        8000);
    return true;
}

void MainWindow::importCurlWithDialog()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Import curl Command"),
        tr("Paste a curl command line (a browser's \"Copy as cURL (bash)\" works):"), QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    QString error;
    if (!importCurlCase(text, &error))
        QMessageBox::warning(this, tr("Cannot import the curl command"), error);
}

void MainWindow::importHarWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import HAR"), QString(),
                                                      tr("HAR files (*.har *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!importHarFile(path, &error))
        QMessageBox::warning(this, tr("Cannot import the HAR file"), error);
}

}  // namespace Rwb
