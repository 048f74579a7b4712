#include "widgets/mainwindow.h"

#include "core/engine/engine.h"
#include "core/policy/headerdiff.h"
#include "widgets/compareview.h"
#include "widgets/hopinspector.h"
#include "widgets/requesteditor.h"
#include "widgets/sessionpanel.h"
#include "widgets/stepeditor.h"
#include "widgets/timelinedelegate.h"
#include "widgets/urledit.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
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

// Spelled out: without a loaded translation, tr()'s %n plurals would read "2 hop(s)".
QString hopCount(int hops)
{
    return hops == 1 ? MainWindow::tr("1 hop") : MainWindow::tr("%1 hops").arg(hops);
}

}  // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_engine(new Engine(this))
    , m_model(new TimelineModel(this))
    , m_ticker(new QTimer(this))
{
    setWindowTitle(tr("Redirect Workbench"));
    setObjectName(QStringLiteral("mainWindow"));
    createActions();
    createSessionActions();
    buildLayout();
    buildSessionUi();
    buildSandboxUi();
    createMenus();
    connectEngine();
    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, this, &MainWindow::updateStatus);
    readSettings();
    updateActions();
    updateStatus();
    offerRecovery();
}

MainWindow::~MainWindow() = default;

QList<QKeySequence> MainWindow::sendShortcuts()
{
    return {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)};
}

void MainWindow::createActions()
{
    struct Spec {
        const char *name;
        QString text;
        QList<QKeySequence> keys;
        QString tip;
        void (MainWindow::*slot)();
    };
    const QList<Spec> specs = {
        {"send", tr("&Send"), sendShortcuts(), tr("Send the request and follow every redirect"),
         &MainWindow::send},
        {"step",
         tr("S&tep"),
         {QKeySequence(Qt::Key_F10)},
         tr("Send one hop, then pause with the next request ready to edit"),
         &MainWindow::step},
        {"continue",
         tr("&Continue"),
         {QKeySequence(Qt::Key_F8)},
         tr("Send the paused hop (as edited) and follow the rest of the chain"),
         &MainWindow::continueTrace},
        {"stop",
         tr("St&op"),
         {QKeySequence(Qt::Key_Escape)},
         tr("Cancel the trace at once"),
         &MainWindow::stop},
        {"compare",
         tr("Co&mpare Profiles"),
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return)},
         tr("Run the request as a browser, curl and a strict RFC 9110 client, side by side"),
         &MainWindow::compareProfiles},
    };
    for (const Spec &s : specs) {
        auto *a = new QAction(s.text, this);
        a->setObjectName(QLatin1String(s.name));
        a->setShortcuts(s.keys);
        a->setToolTip(
            QStringLiteral("%1 (%2)").arg(s.tip, s.keys.first().toString(QKeySequence::NativeText)));
        a->setStatusTip(s.tip);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, s.slot);
        addAction(a);
        m_actions.insert(QLatin1String(s.name), a);
    }
    auto *copyCurl = new QAction(tr("Copy Hop as c&url"), this);
    copyCurl->setObjectName(QStringLiteral("copyCurl"));
    copyCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyCurl->setToolTip(tr("Copy a curl command that repeats the selected hop (Ctrl+Shift+C)"));
    connect(copyCurl, &QAction::triggered, this, [this] {
        m_inspector->copyCurl();
        statusBar()->showMessage(m_inspector->curlCommand().isEmpty()
                                     ? tr("Select a hop first")
                                     : tr("Copied the hop as a curl command"),
                                 4000);
    });
    addAction(copyCurl);
    m_actions.insert(copyCurl->objectName(), copyCurl);
    auto *focusUrl = new QAction(tr("Go to &URL"), this);
    focusUrl->setObjectName(QStringLiteral("focusUrl"));
    focusUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    focusUrl->setToolTip(tr("Put the cursor in the URL field (Ctrl+L)"));
    connect(focusUrl, &QAction::triggered, this, [this] {
        m_editor->urlEdit()->setFocus(Qt::ShortcutFocusReason);
        m_editor->urlEdit()->selectAll();
    });
    m_actions.insert(focusUrl->objectName(), focusUrl);
    auto *showTrace = new QAction(tr("&Timeline"), this);
    showTrace->setObjectName(QStringLiteral("showTrace"));
    showTrace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    showTrace->setToolTip(tr("Show the hop timeline and inspector (Ctrl+1)"));
    connect(showTrace, &QAction::triggered, this, [this] { m_results->setCurrentIndex(0); });
    m_actions.insert(showTrace->objectName(), showTrace);
    auto *showCompare = new QAction(tr("&Comparison"), this);
    showCompare->setObjectName(QStringLiteral("showCompare"));
    showCompare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    showCompare->setToolTip(tr("Show the three profiles side by side (Ctrl+2)"));
    connect(showCompare, &QAction::triggered, this, [this] { m_results->setCurrentIndex(1); });
    m_actions.insert(showCompare->objectName(), showCompare);
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setObjectName(QStringLiteral("quit"));
    quit->setShortcut(
        QKeySequence(Qt::CTRL | Qt::Key_Q));  // QKeySequence::Quit is empty without a desktop theme
    quit->setToolTip(tr("Close Redirect Workbench (Ctrl+Q)"));
    connect(quit, &QAction::triggered, this, &QWidget::close);
    m_actions.insert(quit->objectName(), quit);
    auto *about = new QAction(tr("&About Redirect Workbench"), this);
    about->setObjectName(QStringLiteral("about"));
    about->setShortcut(QKeySequence(Qt::Key_F1));
    about->setToolTip(tr("Version and what this tool is for (F1)"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About Redirect Workbench"),
            tr("<b>Redirect Workbench %1</b><p>Follows a request through every redirect as a "
               "browser, curl or a strict RFC 9110 client would, and shows each hop as it went on "
               "the wire.</p>")
                .arg(QStringLiteral(RWB_VERSION)));
    });
    m_actions.insert(about->objectName(), about);
}

QAction *MainWindow::action(const QString &name) const
{
    return m_actions.value(name);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("newSession")));
    file->addAction(action(QStringLiteral("openSession")));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentSessions"));
    rebuildRecentMenu();
    file->addAction(action(QStringLiteral("saveSession")));
    file->addAction(action(QStringLiteral("saveSessionAs")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("importCurl")));
    file->addAction(action(QStringLiteral("importHar")));
    file->addAction(action(QStringLiteral("exportTrace")));
    file->addAction(action(QStringLiteral("keepSecrets")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("quit")));
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(action(QStringLiteral("undoSession")));
    edit->addAction(action(QStringLiteral("redoSession")));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("sessionSettings")));
    QMenu *session = menuBar()->addMenu(tr("Sess&ion"));
    session->addActions(m_sessionPanel->actions());
    QMenu *request = menuBar()->addMenu(tr("&Request"));
    for (const char *name : {"send", "step", "continue", "stop"})
        request->addAction(action(QLatin1String(name)));
    request->addSeparator();
    request->addAction(action(QStringLiteral("compare")));
    request->addSeparator();
    request->addAction(action(QStringLiteral("focusUrl")));
    request->addAction(action(QStringLiteral("copyCurl")));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(action(QStringLiteral("showTrace")));
    view->addAction(action(QStringLiteral("showCompare")));
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(action(QStringLiteral("sandbox")));
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(action(QStringLiteral("openDemo")));
    help->addAction(action(QStringLiteral("about")));
}

void MainWindow::buildLayout()
{
    m_editor = new RequestEditor(this);
    for (const char *name : {"send", "step", "continue", "stop", "compare"}) {
        auto *button = new QToolButton(m_editor);
        button->setDefaultAction(action(QLatin1String(name)));
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setObjectName(QLatin1String(name) + QStringLiteral("Button"));
        m_editor->addBarWidget(button);
    }
    m_timeline = new QListView(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setModel(m_model);
    m_timeline->setItemDelegate(new TimelineDelegate(m_timeline));
    m_timeline->setUniformItemSizes(true);  // cards share one height: 10,000 hops lay out at once
    m_timeline->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_timeline->setSelectionMode(QAbstractItemView::SingleSelection);
    m_timeline->setMouseTracking(true);
    m_timeline->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // cards shrink to the view
    m_timeline->setToolTip(QString());
    connect(m_model, &TimelineModel::scaleChanged, m_timeline, [this] { m_timeline->viewport()->update(); });
    connect(
        m_timeline->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { onCurrentRowChanged(current.isValid() ? current.row() : -1); });

    m_stepEditor = new StepEditor(this);
    m_stepEditor->setObjectName(QStringLiteral("stepEditor"));
    m_stepEditor->hide();
    // The pending card shows the request as edited: what Continue will send.
    connect(m_stepEditor, &StepEditor::changed, this, [this] {
        if (m_engine->isPaused())
            m_model->setPending(m_stepEditor->request());
    });
    m_inspector = new HopInspector(this);
    m_inspector->setObjectName(QStringLiteral("inspector"));

    m_sideSplitter = new QSplitter(Qt::Vertical, this);
    m_sideSplitter->setObjectName(QStringLiteral("sideSplitter"));
    m_sideSplitter->addWidget(m_stepEditor);
    m_sideSplitter->addWidget(m_inspector);
    m_traceSplitter = new QSplitter(Qt::Horizontal, this);
    m_traceSplitter->setObjectName(QStringLiteral("traceSplitter"));
    m_traceSplitter->addWidget(m_timeline);
    m_traceSplitter->addWidget(m_sideSplitter);
    m_traceSplitter->setStretchFactor(0, 3);
    m_traceSplitter->setStretchFactor(1, 2);

    m_compare = new CompareView(this);
    m_compare->setObjectName(QStringLiteral("compare"));
    // Activating a row of a compared profile opens that profile's trace in the timeline and inspector.
    connect(m_compare, &CompareView::hopSelected, this, [this](const Trace &trace, int row) {
        if (m_engine->isRunning())
            return;
        showTrace(trace);
        m_timeline->setCurrentIndex(m_model->index(std::min(row, m_model->rowCount() - 1)));
        m_results->setCurrentIndex(0);
    });
    connect(m_compare, &CompareView::finished, this, [this] {
        updateActions();
        statusBar()->showMessage(m_compare->differences().isEmpty() ? tr("Compared: the three profiles agree")
                                 : m_compare->differences().size() == 1
                                     ? tr("Compared: 1 difference")
                                     : tr("Compared: %1 differences").arg(m_compare->differences().size()),
                                 8000);
    });

    m_results = new QTabWidget(this);
    m_results->setObjectName(QStringLiteral("results"));
    m_results->setDocumentMode(true);
    m_results->addTab(m_traceSplitter, tr("Timeline"));
    m_results->addTab(m_compare, tr("Compare profiles"));
    m_results->setTabToolTip(0, tr("The hops of the last trace and the selected hop's details (Ctrl+1)"));
    m_results->setTabToolTip(1, tr("Browser, curl and strict side by side (Ctrl+2)"));

    m_mainSplitter = new QSplitter(Qt::Vertical, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_editor);
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
    connect(m_editor, &RequestEditor::curlImported, this,
            [this](const QString &summary) { statusBar()->showMessage(summary, 8000); });
    connect(m_editor, &RequestEditor::curlRejected, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Not imported: %1").arg(error), 10000);
    });
}

void MainWindow::connectEngine()
{
    connect(m_engine, &Engine::hopStarted, this, &MainWindow::onHopStarted);
    connect(m_engine, &Engine::hopRecorded, this, &MainWindow::onHopRecorded);
    connect(m_engine, &Engine::paused, this, &MainWindow::onPaused);
    connect(m_engine, &Engine::finished, this, &MainWindow::onFinished);
}

bool MainWindow::startChecked(bool stepMode)
{
    if (m_engine->isRunning() || m_compare->isRunning())
        return false;
    const QString problem = m_editor->validationError();
    if (!problem.isEmpty()) {
        // Shown where the user looks, never as a dialog: the URL field is flagged as well.
        statusBar()->showMessage(tr("Cannot send: %1").arg(problem), 10000);
        m_editor->urlEdit()->setFocus(Qt::OtherFocusReason);
        return false;
    }
    RequestSpec request = m_editor->request();
    Options options = m_editor->options();
    // A saved case runs with its {{variables}} resolved, and its expectations are checked at the end.
    if (!startCaseRun(stepMode, &request, &options))
        return false;
    m_editor->addRecentUrl(m_currentCase.isValid() ? m_editor->urlEdit()->text() : request.url.toString());
    m_lastSent = request;
    m_followLatest = true;
    m_stepEditor->clear();
    m_stepEditor->hide();
    m_inspector->clear();
    m_results->setCurrentIndex(0);
    m_model->clear(profileName(options.profile));
    m_elapsed.start();
    m_ticker->start();
    m_engine->setStepMode(stepMode);
    m_engine->start(request, options);
    updateActions();
    updateStatus();
    return true;
}

void MainWindow::send()
{
    if (m_engine->isPaused()) {
        continueTrace();
        return;
    }
    startChecked(false);
}

void MainWindow::step()
{
    if (m_engine->isPaused())
        resumeWith(true);
    else
        startChecked(true);
}

void MainWindow::continueTrace()
{
    if (m_engine->isPaused())
        resumeWith(false);
}

void MainWindow::resumeWith(bool stepMode)
{
    const bool edited = m_stepEditor->edited();
    const RequestSpec next = edited ? m_stepEditor->request() : m_engine->pendingRequest();
    if (edited && !next.url.isValid()) {
        statusBar()->showMessage(tr("Cannot send the edited hop: the URL is not valid"), 10000);
        return;
    }
    m_lastSent = next;
    m_stepEditor->hide();
    m_engine->setStepMode(stepMode);
    if (edited)
        m_engine->resume(next);
    else
        m_engine->resume();
    updateActions();
}

void MainWindow::stop()
{
    if (m_compare->isRunning())
        m_compare->stop();
    if (m_engine->isRunning())
        m_engine->stop();
}

void MainWindow::compareProfiles()
{
    if (m_engine->isRunning() || m_compare->isRunning())
        return;
    const QString problem = m_editor->validationError();
    if (!problem.isEmpty()) {
        statusBar()->showMessage(tr("Cannot compare: %1").arg(problem), 10000);
        m_editor->urlEdit()->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_editor->addRecentUrl(m_editor->request().url.toString());
    m_results->setCurrentIndex(1);
    m_compare->start(m_editor->request(), m_editor->options());
    statusBar()->showMessage(tr("Comparing browser, curl and strict…"));
    updateActions();
}

void MainWindow::showTrace(const Trace &trace)
{
    m_stepEditor->hide();
    m_model->setTrace(trace, true);
    m_inspector->clear();
    selectFinalHop();
    updateStatus();
}

void MainWindow::selectFinalHop()
{
    if (m_model->rowCount() == 0)
        return;
    // Land on the last hop, the final response, rather than the outcome card.
    m_selectingLatest = true;
    m_timeline->setCurrentIndex(m_model->index(std::max(0, m_model->outcomeRow() - 1)));
    m_selectingLatest = false;
    m_timeline->scrollTo(m_model->index(m_model->rowCount() - 1));
}

void MainWindow::onHopStarted(int index)
{
    m_model->addHop(m_engine->trace().hops.at(index));
    updateStatus();
}

void MainWindow::onHopRecorded(int index)
{
    m_model->updateHop(m_engine->trace().hops.at(index));
    const QModelIndex current = m_timeline->currentIndex();
    if (m_followLatest) {
        m_selectingLatest = true;
        m_timeline->setCurrentIndex(m_model->index(index));
        m_selectingLatest = false;
    } else if (current.isValid() && current.row() == index) {
        m_inspector->showHop(m_model->trace(), index);
    }
    updateStatus();
}

void MainWindow::onPaused(const RequestSpec &next)
{
    const Trace &trace = m_engine->trace();
    const NoteList notes = trace.hops.isEmpty() ? NoteList() : trace.hops.last().notes;
    if (const std::optional<Profile> profile = profileFromName(trace.profile))
        m_stepEditor->setProfile(*profile);
    m_stepEditor->setPending(next, diffHeaders(m_lastSent.headers, next.headers, notes));
    m_stepEditor->show();
    m_model->setPending(next);
    m_timeline->scrollTo(m_model->index(m_model->rowCount() - 1));
    updateActions();
    statusBar()->showMessage(
        tr("Paused before hop %1: edit the request, then Continue (F8), Step (F10) or Stop (Esc)")
            .arg(trace.hops.size()));
    updateStatus();
}

void MainWindow::onFinished()
{
    m_ticker->stop();
    m_stepEditor->hide();
    m_model->finish(m_engine->trace().outcome);
    if (m_followLatest)
        selectFinalHop();
    else
        m_timeline->scrollTo(m_model->index(m_model->rowCount() - 1));
    statusBar()->showMessage(m_engine->trace().outcome.message, 10000);
    updateActions();
    updateStatus();
    if (m_runningCase.isValid())
        caseRunFinished(m_engine->trace());
}

void MainWindow::onCurrentRowChanged(int row)
{
    if (!m_selectingLatest)
        m_followLatest = false;
    if (row < 0) {
        m_inspector->clear();
        return;
    }
    const bool hop = m_model->rowKind(row) == TimelineModel::RowKind::Hop;
    m_inspector->showHop(m_model->trace(), hop ? row : -1);
}

void MainWindow::updateActions()
{
    const bool running = m_engine->isRunning();
    const bool paused = m_engine->isPaused();
    const bool comparing = m_compare->isRunning();
    action(QStringLiteral("send"))->setEnabled((!running || paused) && !comparing);
    action(QStringLiteral("step"))->setEnabled((!running || paused) && !comparing);
    action(QStringLiteral("continue"))->setEnabled(paused);
    action(QStringLiteral("stop"))->setEnabled(running || comparing);
    action(QStringLiteral("compare"))->setEnabled(!running && !comparing);
}

void MainWindow::updateStatus()
{
    const Trace &trace = m_model->trace();
    const int hops = int(trace.hops.size());
    if (m_engine->isRunning()) {
        const QString state = m_engine->isPaused() ? tr("Paused") : tr("Running");
        m_status->setText(tr("%1 · %2 · %3 s")
                              .arg(state, hopCount(hops))
                              .arg(double(m_elapsed.elapsed()) / 1000.0, 0, 'f', 1));
        return;
    }
    if (hops == 0) {
        m_status->setText(tr("Ready"));
        return;
    }
    const double ms = trace.hops.last().timing.endMs;
    m_status->setText(tr("%1 · %2 ms · %3").arg(hopCount(hops)).arg(ms, 0, 'f', 0).arg(trace.profile));
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
    m_mainSplitter->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_traceSplitter->restoreState(settings.value(QStringLiteral("window/traceSplitter")).toByteArray());
    m_sideSplitter->restoreState(settings.value(QStringLiteral("window/sideSplitter")).toByteArray());
    m_sessionSplitter->restoreState(settings.value(QStringLiteral("window/sessionSplitter")).toByteArray());
    m_recentSessions = settings.value(QStringLiteral("session/recent")).toStringList();
    rebuildRecentMenu();
    m_editor->setRecentUrls(settings.value(QStringLiteral("request/recentUrls")).toStringList());
    const QString profile = settings.value(QStringLiteral("request/profile")).toString();
    if (const std::optional<Profile> p = profileFromName(profile)) {
        Options options = m_editor->options();
        options.profile = *p;
        m_editor->setOptions(options);
    }
    const QString lastUrl = settings.value(QStringLiteral("request/lastUrl")).toString();
    if (!lastUrl.isEmpty() && m_editor->urlEdit()->text().isEmpty())
        m_editor->urlEdit()->setText(lastUrl);
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

}  // namespace Rwb
