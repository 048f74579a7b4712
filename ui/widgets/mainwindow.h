#pragma once

#include "core/http/trace.h"
#include "core/session/session.h"
#include "widgets/caseruncontroller.h"
#include "widgets/importexportcontroller.h"
#include "widgets/sandboxcontroller.h"
#include "widgets/searchcontroller.h"
#include "widgets/sessioncontroller.h"
#include "widgets/tracecontroller.h"
#include "workbench/preferences.h"

#include <QImage>
#include <QMainWindow>
#include <QPalette>

#include <functional>
#include <optional>

class QAction;
class QDockWidget;
class QFrame;
class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace Rwb {

class BulkCheckWindow;
class CompareView;
class Engine;
class ExpectationsEditor;
class RunHistoryView;
class HopInspector;
class RequestEditor;
class SandboxPanel;
class SessionDocument;
class SessionModel;
class SessionPanel;
class StepEditor;
class TimelineModel;

// The workbench: the session tree beside the request editor; below the editor the hop timeline beside the
// hop inspector (and the step editor while a step-through is paused), or the three profiles compared side
// by side; the redirect sandbox in a dock. The window builds the views and the menus; its controllers do
// the work: TraceController (the request and its trace), SessionController (the session file, the
// selected case, undo), CaseRunController (running saved cases), SandboxController (the sandbox and the
// demo), ImportExportController (exports and imports).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // The window's own commands; the others are its controllers'.
    struct Actions {
        QAction *focusUrl = nullptr;
        QAction *showTrace = nullptr;
        QAction *showCompare = nullptr;
        QAction *quit = nullptr;
        QAction *about = nullptr;
        QAction *preferences = nullptr;
        QAction *bulkCheck = nullptr;
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    const Actions &actions() const { return m_actions; }
    // Edit → Preferences: the dialog, and what OK does (saved, the theme applied, and the scratch request
    // given the new defaults; a selected case keeps its own options).
    void editPreferences();
    void applyPreferences(const Preferences &preferences, bool toEditor);
    TraceController *traceController() const { return m_trace; }
    SessionController *sessionController() const { return m_sessions; }
    CaseRunController *caseRunController() const { return m_runs; }
    SandboxController *sandboxController() const { return m_sandbox; }
    ImportExportController *importExportController() const { return m_transfer; }
    SearchController *searchController() const { return m_search; }

    RequestEditor *requestEditor() const { return m_editor; }
    TimelineModel *timelineModel() const { return m_trace->model(); }
    QListView *timelineView() const { return m_timeline; }
    HopInspector *inspector() const { return m_inspector; }
    StepEditor *stepEditor() const { return m_stepEditor; }
    CompareView *compareView() const { return m_compare; }
    Engine *engine() const { return m_trace->engine(); }
    QTabWidget *resultTabs() const { return m_results; }
    QLabel *statusLabel() const { return m_status; }
    SessionPanel *sessionPanel() const { return m_sessionPanel; }
    SessionModel *sessionModel() const { return m_sessions->model(); }
    SessionDocument *document() const { return m_sessions->document(); }
    ExpectationsEditor *expectationsEditor() const { return m_expectations; }
    RunHistoryView *runHistory() const { return m_history; }
    SandboxPanel *sandboxPanel() const { return m_sandboxPanel; }
    QFrame *demoBar() const { return m_demoBar; }
    QFrame *recoveryBar() const { return m_recoveryBar; }

    // The key sequences of Send: Ctrl+Return and Ctrl+Enter (keypad).
    static QList<QKeySequence> sendShortcuts() { return TraceController::sendShortcuts(); }

    // The controllers' work, for main() and the tests (each controller says more).
    void showTrace(const Trace &trace) { m_trace->showTrace(trace); }
    bool openSession(const QString &path) { return m_sessions->openSession(path); }
    bool saveSession() { return m_sessions->saveSession(); }
    bool saveSessionAs(const QString &path) { return m_sessions->saveSessionAs(path); }
    void newSession() { m_sessions->newSession(); }
    bool maybeSave() { return m_sessions->maybeSave(); }
    // What maybeSave() asks (QMessageBox::Save, Discard or Cancel); tests answer it without a dialog.
    void setSavePrompt(std::function<int()> prompt) { m_sessions->setSavePrompt(std::move(prompt)); }
    QModelIndex currentCase() const { return m_sessions->currentCase(); }
    void selectCase(const QModelIndex &index) { m_sessions->selectCase(index); }
    QModelIndex addCase(const std::optional<SessionCase> &testCase = std::nullopt)
    {
        return m_sessions->addCase(testCase);
    }
    void undoSessionChange() { m_sessions->undo(); }
    void redoSessionChange() { m_sessions->redo(); }
    bool canUndoSessionChange() const { return m_sessions->canUndo(); }
    void editSessionSettings() { m_sessions->editSettings(); }
    void offerRecovery() { m_sessions->offerRecovery(); }
    void restoreRecovery() { m_sessions->restoreRecovery(); }
    void discardRecovery() { m_sessions->discardRecovery(); }
    void runCase(const QModelIndex &index) { m_runs->runCase(index); }
    void runAll() { m_runs->runAll(); }
    void cancelRun() { m_runs->cancelRun(); }
    bool isRunningCases() const { return m_runs->isRunning(); }
    bool openDemo(bool runAll = true) { return m_sandbox->openDemo(runAll); }
    Variables runtimeVariables() const { return m_sandbox->runtimeVariables(); }
    bool exportTrace(const QString &path, const QString &format, bool keepSecrets, QString *error)
    {
        return m_transfer->exportTrace(path, format, keepSecrets, error);
    }
    bool importCurlCase(const QString &commandLine, QString *error)
    {
        return m_transfer->importCurlCase(commandLine, error);
    }
    bool importHarFile(const QString &path, QString *error) { return m_transfer->importHarFile(path, error); }
    QImage timelineImage() const { return m_transfer->timelineImage(); }
    // Tools → Bulk Check: the tool window, made on first use, shown and raised.
    BulkCheckWindow *showBulkCheck();
    BulkCheckWindow *bulkCheckWindow() const { return m_bulkCheck; }

public slots:
    void send() { m_trace->send(); }
    void step() { m_trace->step(); }
    void continueTrace() { m_trace->continueTrace(); }
    void stop() { m_trace->stop(); }
    void compareProfiles() { m_trace->compareProfiles(); }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildLayout();
    void createControllers();
    void createActions();
    void createMenus();
    void readSettings();
    void writeSettings() const;

    Actions m_actions;
    RequestEditor *m_editor = nullptr;
    QListView *m_timeline = nullptr;
    HopInspector *m_inspector = nullptr;
    StepEditor *m_stepEditor = nullptr;
    CompareView *m_compare = nullptr;
    QTabWidget *m_results = nullptr;
    QWidget *m_editorPane = nullptr;
    std::optional<QPalette> m_paletteBeforeTheme;  // the desktop's, while a chosen theme replaces it  // the
                                                   // case bar over the request editor
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_traceSplitter = nullptr;
    QSplitter *m_sideSplitter = nullptr;
    QSplitter *m_sessionSplitter = nullptr;
    QLabel *m_status = nullptr;
    SessionPanel *m_sessionPanel = nullptr;
    ExpectationsEditor *m_expectations = nullptr;
    RunHistoryView *m_history = nullptr;
    QFrame *m_recoveryBar = nullptr;
    QLabel *m_recoveryText = nullptr;
    QFrame *m_demoBar = nullptr;
    QPushButton *m_demoOpen = nullptr;
    SandboxPanel *m_sandboxPanel = nullptr;
    QDockWidget *m_sandboxDock = nullptr;
    QWidget *m_timelinePane = nullptr;  // the find bar over the timeline
    BulkCheckWindow *m_bulkCheck = nullptr;

    TraceController *m_trace = nullptr;
    SessionController *m_sessions = nullptr;
    CaseRunController *m_runs = nullptr;
    SandboxController *m_sandbox = nullptr;
    ImportExportController *m_transfer = nullptr;
    SearchController *m_search = nullptr;
};

}  // namespace Rwb
