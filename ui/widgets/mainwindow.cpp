#include "widgets/mainwindow.h"

#include "widgets/bulkcheckwindow.h"
#include "widgets/casebar.h"
#include "widgets/caseruncontroller.h"
#include "widgets/compareview.h"
#include "widgets/expectationseditor.h"
#include "widgets/hopinspector.h"
#include "widgets/importexportcontroller.h"
#include "widgets/preferencesdialog.h"
#include "widgets/requesteditor.h"
#include "widgets/runhistoryview.h"
#include "widgets/sandboxcontroller.h"
#include "widgets/sandboxpanel.h"
#include "widgets/searchbar.h"
#include "widgets/sessioncontroller.h"
#include "widgets/sessionpanel.h"
#include "widgets/stepeditor.h"
#include "widgets/timelinedelegate.h"
#include "widgets/tracecontroller.h"
#include "widgets/urledit.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Rwb {

namespace {

bool isSessionFile(const QUrl &url)
{
    return url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".rwbsession"), Qt::CaseInsensitive);
}

struct BarButton {
    QString text;
    const char *name;  // nullptr: none
    QString tip;
};

struct Bar {
    QFrame *frame = nullptr;
    QLabel *text = nullptr;
    QList<QPushButton *> buttons;
};

// A bar across the window, shown only when it has something to offer: a line of text and its buttons.
Bar makeBar(QWidget *parent, const char *name, const QString &text, const QList<BarButton> &buttons)
{
    Bar bar;
    bar.frame = new QFrame(parent);
    bar.frame->setObjectName(QLatin1String(name));
    bar.frame->setFrameShape(QFrame::StyledPanel);
    bar.text = new QLabel(text, bar.frame);
    bar.text->setWordWrap(true);
    auto *layout = new QHBoxLayout(bar.frame);
    layout->addWidget(bar.text, 1);
    for (const BarButton &b : buttons) {
        auto *button = new QPushButton(b.text, bar.frame);
        if (b.name)
            button->setObjectName(QLatin1String(b.name));
        button->setToolTip(b.tip);
        layout->addWidget(button);
        bar.buttons.append(button);
    }
    return bar;
}

}  // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Redirect Workbench"));
    setObjectName(QStringLiteral("mainWindow"));
    buildLayout();
    createControllers();
    createActions();
    createMenus();
    readSettings();
    m_sessions->offerRecovery();
}

MainWindow::~MainWindow() = default;

// Every view, in the order Tab walks them; the controllers come after and drive them.
void MainWindow::buildLayout()
{
    m_editor = new RequestEditor(this);
    m_timeline = new QListView(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setItemDelegate(new TimelineDelegate(m_timeline));
    m_timeline->setUniformItemSizes(true);  // cards share one height: 10,000 hops lay out at once
    m_timeline->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_timeline->setSelectionMode(QAbstractItemView::SingleSelection);
    m_timeline->setMouseTracking(true);
    m_timeline->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // cards shrink to the view
    m_timeline->setToolTip(QString());
    m_stepEditor = new StepEditor(this);
    m_stepEditor->setObjectName(QStringLiteral("stepEditor"));
    m_stepEditor->hide();
    m_inspector = new HopInspector(this);
    m_inspector->setObjectName(QStringLiteral("inspector"));

    m_sideSplitter = new QSplitter(Qt::Vertical, this);
    m_sideSplitter->setObjectName(QStringLiteral("sideSplitter"));
    m_sideSplitter->addWidget(m_stepEditor);
    m_sideSplitter->addWidget(m_inspector);
    m_traceSplitter = new QSplitter(Qt::Horizontal, this);
    m_traceSplitter->setObjectName(QStringLiteral("traceSplitter"));
    m_timelinePane = new QWidget(this);  // the find bar goes above the timeline (SearchController)
    m_timelinePane->setObjectName(QStringLiteral("timelinePane"));
    auto *timelineLayout = new QVBoxLayout(m_timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(0);
    timelineLayout->addWidget(m_timeline, 1);
    timelineLayout->addWidget(new PhaseLegend(m_timelinePane));
    m_traceSplitter->addWidget(m_timelinePane);
    m_traceSplitter->addWidget(m_sideSplitter);
    m_traceSplitter->setStretchFactor(0, 3);
    m_traceSplitter->setStretchFactor(1, 2);
    m_compare = new CompareView(this);
    m_compare->setObjectName(QStringLiteral("compare"));
    m_results = new QTabWidget(this);
    m_results->setObjectName(QStringLiteral("results"));
    m_results->setDocumentMode(true);
    m_results->addTab(m_traceSplitter, tr("Timeline"));
    m_results->addTab(m_compare, tr("Compare profiles"));
    m_results->setTabToolTip(0, tr("The hops of the last trace and the selected hop's details (Ctrl+1)"));
    m_results->setTabToolTip(1, tr("Browser, curl and strict side by side (Ctrl+2)"));

    m_mainSplitter = new QSplitter(Qt::Vertical, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    // The case bar (what the editor holds: a scratch request, a case, an edited case) goes above the
    // editor once the session controller has made it.
    m_editorPane = new QWidget(this);
    m_editorPane->setObjectName(QStringLiteral("editorPane"));
    auto *editorLayout = new QVBoxLayout(m_editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_editor, 1);
    m_mainSplitter->addWidget(m_editorPane);
    m_mainSplitter->addWidget(m_results);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setChildrenCollapsible(false);
    // The editor's tables would claim half the window; its tabs scroll, so let the results have the room.
    m_editor->setMinimumHeight(m_editor->fontMetrics().height() * 9);
    m_mainSplitter->setSizes({240, 660});  // the results get the room until the user drags
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("traceStatus"));
    statusBar()->addPermanentWidget(m_status);

    m_sessionPanel = new SessionPanel(this);
    m_sessionPanel->setObjectName(QStringLiteral("sessionPanel"));
    m_expectations = new ExpectationsEditor(this);
    m_expectations->setObjectName(QStringLiteral("expectations"));
    const int tab = m_editor->tabs()->addTab(m_expectations, tr("Expectation&s"));
    m_editor->tabs()->setTabToolTip(tab, tr("What the selected case's chain must do, checked on every run"));
    m_expectations->setEnabled(false);
    m_history = new RunHistoryView(this);
    m_history->setObjectName(QStringLiteral("runHistory"));
    const int historyTab = m_editor->tabs()->addTab(m_history, tr("Histor&y"));
    m_editor->tabs()->setTabToolTip(historyTab, tr("The selected case's last runs, with their verdicts"));
    // Above everything, shown only when a crashed session's copy is waiting.
    const Bar recovery =
        makeBar(this, "recoveryBar", QString(),
                {{tr("&Restore"), "restoreRecovery", tr("Open the unsaved session as it was last autosaved")},
                 {tr("&Discard"), "discardRecovery", tr("Delete the recovery copy")}});
    m_recoveryBar = recovery.frame;
    m_recoveryText = recovery.text;
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

    m_sandboxPanel = new SandboxPanel(this);
    m_sandboxPanel->setObjectName(QStringLiteral("sandboxPanel"));
    m_sandboxDock = new QDockWidget(tr("Redirect Sandbox"), this);
    m_sandboxDock->setObjectName(QStringLiteral("sandboxDock"));
    m_sandboxDock->setWidget(m_sandboxPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_sandboxDock);
    m_sandboxDock->hide();
    // Under the recovery bar, above everything else; offered once (SandboxController).
    const Bar demo = makeBar(
        this, "demoBar",
        tr("New here? The demo session runs real redirect scenarios (maintenance pages, moved resources, "
           "Post/Redirect/Get, cookies, HSTS, loops) against a local sandbox."),
        {{tr("Open the &Demo"), "openDemoButton", QString()},  // its tooltip is Open Demo's
         {tr("No, Thanks"), nullptr, tr("Hide this; Help → Open Demo brings the demo any time")}});
    m_demoBar = demo.frame;
    m_demoOpen = demo.buttons.at(0);
    layout->insertWidget(1, m_demoBar);
    connect(recovery.buttons.at(0), &QPushButton::clicked, this, &MainWindow::restoreRecovery);
    connect(recovery.buttons.at(1), &QPushButton::clicked, this, &MainWindow::discardRecovery);
    connect(demo.buttons.at(1), &QPushButton::clicked, m_demoBar, &QWidget::hide);
}

void MainWindow::createControllers()
{
    m_trace = new TraceController(
        {m_editor, m_timeline, m_inspector, m_stepEditor, m_compare, m_results, m_status}, this);
    m_sessions = new SessionController(
        {m_sessionPanel, m_editor, m_expectations, m_history, m_sandboxPanel, m_recoveryBar, m_recoveryText},
        m_trace, this);
    static_cast<QVBoxLayout *>(m_editorPane->layout())->insertWidget(0, m_sessions->caseBar());
    // Open in Bulk Check: the session controller hands over the case; the tool window is the window's.
    connect(m_sessions, &SessionController::openInBulkCheck, this,
            [this](const SessionCase &testCase, const RequestSpec &request) {
                BulkCheckWindow *bulk = showBulkCheck();
                if (bulk->isRunning()) {  // its check and table are left as they are
                    statusBar()->showMessage(
                        tr("The Bulk Check window is running a check: cancel it to open \"%1\" there")
                            .arg(testCase.name),
                        10000);
                    return;
                }
                bulk->loadCase(testCase, request);
            });
    m_runs = new CaseRunController(m_sessions, m_trace, m_sessionPanel, this);
    connect(m_sessions, &SessionController::loading, m_runs, &CaseRunController::cancelRun);
    m_sandbox = new SandboxController({m_sandboxPanel, m_sandboxDock, m_demoBar, m_demoOpen}, m_sessions,
                                      m_runs, m_trace, this);
    m_sessions->setRuntimeVariables([sandbox = m_sandbox] { return sandbox->runtimeVariables(); });
    m_transfer = new ImportExportController(m_trace, m_timeline, m_sessions, this);
    m_search = new SearchController({m_timeline, m_inspector}, this);
    static_cast<QVBoxLayout *>(m_timelinePane->layout())->insertWidget(0, m_search->bar());

    const auto showMessage = [this](const QString &text, int timeout) {
        statusBar()->showMessage(text, timeout);
    };
    connect(m_trace, &TraceController::statusMessage, this, showMessage);
    connect(m_sessions, &SessionController::statusMessage, this, showMessage);
    connect(m_runs, &CaseRunController::statusMessage, this, showMessage);
    connect(m_sandbox, &SandboxController::statusMessage, this, showMessage);
    connect(m_transfer, &ImportExportController::statusMessage, this, showMessage);
    connect(m_editor, &RequestEditor::curlImported, this,
            [this](const QString &summary) { statusBar()->showMessage(summary, 8000); });
    connect(m_editor, &RequestEditor::curlRejected, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Not imported: %1").arg(error), 10000);
    });

    const TraceController::Actions &trace = m_trace->actions();
    for (QAction *a : {trace.send, trace.step, trace.resume, trace.stop, trace.compare}) {
        auto *button = new QToolButton(m_editor);
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setObjectName(a->objectName() + QStringLiteral("Button"));
        m_editor->addBarWidget(button);
    }
}

void MainWindow::createActions()
{
    m_actions.focusUrl = new QAction(tr("Go to &URL"), this);
    m_actions.focusUrl->setObjectName(QStringLiteral("focusUrl"));
    m_actions.focusUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_actions.focusUrl->setToolTip(tr("Put the cursor in the URL field (Ctrl+L)"));
    connect(m_actions.focusUrl, &QAction::triggered, this, [this] {
        m_editor->urlEdit()->setFocus(Qt::ShortcutFocusReason);
        m_editor->urlEdit()->selectAll();
    });
    m_actions.showTrace = new QAction(tr("&Timeline"), this);
    m_actions.showTrace->setObjectName(QStringLiteral("showTrace"));
    m_actions.showTrace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_actions.showTrace->setToolTip(tr("Show the hop timeline and inspector (Ctrl+1)"));
    connect(m_actions.showTrace, &QAction::triggered, this, [this] { m_results->setCurrentIndex(0); });
    m_actions.showCompare = new QAction(tr("&Comparison"), this);
    m_actions.showCompare->setObjectName(QStringLiteral("showCompare"));
    m_actions.showCompare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_actions.showCompare->setToolTip(tr("Show the three profiles side by side (Ctrl+2)"));
    connect(m_actions.showCompare, &QAction::triggered, this, [this] { m_results->setCurrentIndex(1); });
    m_actions.quit = new QAction(tr("&Quit"), this);
    m_actions.quit->setObjectName(QStringLiteral("quit"));
    // QKeySequence::Quit is empty without a desktop theme.
    m_actions.quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_actions.quit->setToolTip(tr("Close Redirect Workbench (Ctrl+Q)"));
    connect(m_actions.quit, &QAction::triggered, this, &QWidget::close);
    m_actions.preferences = new QAction(tr("&Preferences…"), this);
    m_actions.preferences->setObjectName(QStringLiteral("preferences"));
    m_actions.preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_actions.preferences->setToolTip(
        tr("Defaults for a new request (profile, limit, timeout, User-Agent) and the theme (Ctrl+,)"));
    connect(m_actions.preferences, &QAction::triggered, this, &MainWindow::editPreferences);
    addAction(m_actions.preferences);
    m_actions.bulkCheck = new QAction(tr("&Bulk Check…"), this);
    m_actions.bulkCheck->setObjectName(QStringLiteral("bulkCheck"));
    m_actions.bulkCheck->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    m_actions.bulkCheck->setToolTip(
        tr("Check many URLs at once: a URL list, a redirect map or a sitemap (Ctrl+Shift+U)"));
    connect(m_actions.bulkCheck, &QAction::triggered, this, &MainWindow::showBulkCheck);
    addAction(m_actions.bulkCheck);
    m_actions.about = new QAction(tr("&About Redirect Workbench"), this);
    m_actions.about->setObjectName(QStringLiteral("about"));
    m_actions.about->setShortcut(QKeySequence(Qt::Key_F1));
    m_actions.about->setToolTip(tr("Version and what this tool is for (F1)"));
    connect(m_actions.about, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About Redirect Workbench"),
            tr("<b>Redirect Workbench %1</b><p>Follows a request through every redirect as a "
               "browser, curl or a strict RFC 9110 client would, and shows each hop as it went on "
               "the wire.</p>")
                .arg(QStringLiteral(RWB_VERSION)));
    });
}

BulkCheckWindow *MainWindow::showBulkCheck()
{
    if (!m_bulkCheck) {
        m_bulkCheck = new BulkCheckWindow(this);
        // A line's trace opens in the timeline, as a trace from a file does: the request editor and the
        // selected case stay as they are.
        connect(m_bulkCheck, &BulkCheckWindow::openTrace, this,
                [this](const Trace &trace, const QString &caption) {
                    if (m_trace->isRunning()) {
                        statusBar()->showMessage(tr("A trace is running: stop it to open a bulk check line"),
                                                 5000);
                        return;
                    }
                    m_trace->showTrace(trace, caption);
                    m_results->setCurrentIndex(0);
                    raise();
                    activateWindow();
                });
        // Save as Case: a new case of the open session (undoable like any other), selected in its tree.
        connect(m_bulkCheck, &BulkCheckWindow::saveAsCase, this, [this](const SessionCase &testCase) {
            if (m_sessions->addCase(testCase).isValid())
                statusBar()->showMessage(tr("Saved the bulk check as the case \"%1\"").arg(testCase.name),
                                         5000);
        });
    }
    m_bulkCheck->show();
    m_bulkCheck->raise();
    m_bulkCheck->activateWindow();
    return m_bulkCheck;
}

void MainWindow::createMenus()
{
    const SessionController::Actions &session = m_sessions->actions();
    const ImportExportController::Actions &transfer = m_transfer->actions();
    const TraceController::Actions &trace = m_trace->actions();
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({session.newSession, session.openSession});
    file->addMenu(m_sessions->recentMenu());
    file->addActions({session.saveSession, session.saveSessionAs});
    file->addSeparator();
    file->addActions({transfer.importCurl, transfer.importHar, transfer.exportTrace, transfer.keepSecrets});
    file->addSeparator();
    file->addAction(m_actions.quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({session.undo, session.redo});
    edit->addSeparator();
    const SearchController::Actions &search = m_search->actions();
    edit->addActions({search.find, search.findNext, search.findPrevious});
    edit->addSeparator();
    edit->addAction(session.settings);
    edit->addAction(m_actions.preferences);
    QMenu *sessionMenu = menuBar()->addMenu(tr("Sess&ion"));
    // Save as New Case is the panel's New Case (Ctrl+Shift+N) in the menu; the case bar has both words.
    sessionMenu->addActions({session.saveToCase, session.revertCase});
    sessionMenu->addSeparator();
    sessionMenu->addActions(m_sessionPanel->actions());
    QMenu *request = menuBar()->addMenu(tr("&Request"));
    request->addActions({trace.send, trace.step, trace.resume, trace.stop});
    request->addSeparator();
    request->addAction(trace.compare);
    request->addSeparator();
    request->addActions({m_actions.focusUrl, trace.copyCurl});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_actions.showTrace, m_actions.showCompare});
    menuBar()->addMenu(tr("&Tools"))->addActions({m_sandbox->actions().sandbox, m_actions.bulkCheck});
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addActions({m_sandbox->actions().openDemo, m_actions.about});
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First start: room for the session tree, a timeline with whole URLs and the inspector, up to
        // 1440x900 and never more than nine tenths of the screen; centred.
        const QRect screen = this->screen()->availableGeometry();
        const QSize size = QSize(1440, 900).boundedTo(screen.size() * 0.9);
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, screen));
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // The dock's place is restored, not its visibility: it opens when the sandbox starts, so it does not
    // come back at every start with a sandbox that is not running.
    m_sandboxDock->hide();
    m_mainSplitter->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_traceSplitter->restoreState(settings.value(QStringLiteral("window/traceSplitter")).toByteArray());
    m_sideSplitter->restoreState(settings.value(QStringLiteral("window/sideSplitter")).toByteArray());
    m_sessionSplitter->restoreState(settings.value(QStringLiteral("window/sessionSplitter")).toByteArray());
    m_editor->setRecentUrls(settings.value(QStringLiteral("request/recentUrls")).toStringList());
    const QString profile = settings.value(QStringLiteral("request/profile")).toString();
    if (const std::optional<Profile> p = profileFromName(profile)) {
        Options options = m_editor->options();
        options.profile = *p;
        m_editor->setOptions(options);
    }
    applyPreferences(Preferences::load(), true);
    const QString lastUrl = settings.value(QStringLiteral("request/lastUrl")).toString();
    if (!lastUrl.isEmpty() && m_editor->urlEdit()->text().isEmpty())
        m_editor->urlEdit()->setText(lastUrl);
}

void MainWindow::editPreferences()
{
    PreferencesDialog dialog(Preferences::load(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Preferences chosen = dialog.preferences();
    chosen.save();
    applyPreferences(chosen, !m_sessions->currentCase().isValid());
    statusBar()->showMessage(tr("Preferences saved"), 4000);
}

void MainWindow::applyPreferences(const Preferences &preferences, bool toEditor)
{
    if (preferences.theme != Preferences::Theme::System) {
        if (!m_paletteBeforeTheme)
            m_paletteBeforeTheme = QApplication::palette();
        QApplication::setPalette(Preferences::palette(preferences.theme, *m_paletteBeforeTheme));
    } else if (m_paletteBeforeTheme) {
        QApplication::setPalette(*m_paletteBeforeTheme);
        m_paletteBeforeTheme.reset();
    }
    if (toEditor)
        m_editor->setOptions(preferences.applyTo(m_editor->options()));
    m_sessions->setRunsKept(preferences.runsKept);
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("window/traceSplitter"), m_traceSplitter->saveState());
    settings.setValue(QStringLiteral("window/sideSplitter"), m_sideSplitter->saveState());
    settings.setValue(QStringLiteral("window/sessionSplitter"), m_sessionSplitter->saveState());
    settings.setValue(QStringLiteral("request/recentUrls"), m_editor->recentUrls());
    settings.setValue(QStringLiteral("request/profile"), profileName(m_editor->options().profile));
    settings.setValue(QStringLiteral("request/lastUrl"), m_editor->urlEdit()->text());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    cancelRun();
    stop();
    writeSettings();
    event->accept();
}

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

}  // namespace Rwb
