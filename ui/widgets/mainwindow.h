#pragma once

#include "core/http/trace.h"
#include "workbench/sessiondocument.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPersistentModelIndex>

#include <functional>
#include <optional>

class QAction;
class QDockWidget;
class QFrame;
class QImage;
class QLabel;
class QMenu;
class QListView;
class QSplitter;
class QTabWidget;
class QTimer;

namespace Rwb {

class CaseRunner;
class CompareView;
class Engine;
class ExpectationsEditor;
class SandboxPanel;
class SessionDocument;
class SessionModel;
class SessionPanel;
class HopInspector;
class RequestEditor;
class StepEditor;
class TimelineModel;
struct CaseRunResult;
struct SandboxScenario;

// The workbench: the request editor on top; below it the hop timeline beside the hop inspector (and the
// step editor while a step-through is paused), or the three profiles compared side by side.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    RequestEditor *requestEditor() const { return m_editor; }
    TimelineModel *timelineModel() const { return m_model; }
    QListView *timelineView() const { return m_timeline; }
    HopInspector *inspector() const { return m_inspector; }
    StepEditor *stepEditor() const { return m_stepEditor; }
    CompareView *compareView() const { return m_compare; }
    Engine *engine() const { return m_engine; }
    QTabWidget *resultTabs() const { return m_results; }
    QLabel *statusLabel() const { return m_status; }
    SessionPanel *sessionPanel() const { return m_sessionPanel; }
    SessionModel *sessionModel() const;
    SessionDocument *document() const { return m_document; }
    ExpectationsEditor *expectationsEditor() const { return m_expectations; }
    SandboxPanel *sandboxPanel() const { return m_sandboxPanel; }
    QFrame *demoBar() const { return m_demoBar; }
    QFrame *recoveryBar() const { return m_recoveryBar; }

    // Shows a trace that was not produced here (loaded, or built for a picture or a benchmark).
    void showTrace(const Trace &trace);

    // The window's actions, by object name ("send", "step", "continue", "stop", "compare", ...).
    QAction *action(const QString &name) const;

    // The key sequences of Send: Ctrl+Return and Ctrl+Enter (keypad).
    static QList<QKeySequence> sendShortcuts();

    // Sessions (File menu). Each returns false, having said why in a message box or the status bar,
    // when it did not happen; the file on disk is never touched by a failed open.
    bool openSession(const QString &path);
    bool saveSession();  // Save As when untitled
    bool saveSessionAs(const QString &path);
    void newSession();
    // Asks to save unsaved changes: true when the caller may go on (saved or discarded).
    bool maybeSave();
    // The selected case, or an invalid index.
    QModelIndex currentCase() const { return m_currentCase; }
    void selectCase(const QModelIndex &index);
    // A new case from the request in the editor (or `testCase`), after the selected item.
    QModelIndex addCase(const std::optional<SessionCase> &testCase = std::nullopt);
    // Run the case (select it and send), or every case in tree order; cancelRun() stops the queue.
    void runCase(const QModelIndex &index);
    void runAll();
    void cancelRun();
    bool isRunningCases() const;
    // Exports the trace in the timeline: format "har", "json", "csv", "md", "curl" or "png".
    bool exportTrace(const QString &path, const QString &format, bool keepSecrets, QString *error);
    bool importCurlCase(const QString &commandLine, QString *error);
    bool importHarFile(const QString &path, QString *error);
    // Session undo (Edit menu): every change to the tree, a case or the settings is a step; typing in one
    // case's request within a second and a half is one step. Run results are not steps.
    void undoSessionChange();
    void redoSessionChange();
    bool canUndoSessionChange() const { return !m_undo.isEmpty(); }
    // Session Settings: name, variables, environments (a dialog; accepted changes are one undo step).
    void editSessionSettings();

    // Help → Open Demo: the demo session (one case per built-in sandbox scenario), untitled, with the
    // sandbox started; runAll true also runs every case. False when the sandbox cannot start.
    bool openDemo(bool runAll = true);
    // The variables a running sandbox gives the cases ({{sandbox}}, ...); empty when it is stopped.
    Variables runtimeVariables() const;

    // Offers the newest recovery copy left by a crash in the bar above the editor (see recoveryBar()).
    void offerRecovery();
    // What maybeSave() asks (QMessageBox::Save, Discard or Cancel); tests answer it without a dialog.
    void setSavePrompt(std::function<int()> prompt) { m_savePrompt = std::move(prompt); }
    // The whole timeline as a picture (every card, up to 2,000 of them).
    QImage timelineImage() const;
    void restoreRecovery();
    void discardRecovery();

public slots:
    void send();
    void step();
    void continueTrace();
    void stop();
    void compareProfiles();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void buildLayout();
    void connectEngine();
    bool startChecked(bool stepMode);
    void resumeWith(bool stepMode);
    void onHopStarted(int index);
    void onHopRecorded(int index);
    void onPaused(const RequestSpec &next);
    void onFinished();
    void selectFinalHop();  // the last hop (the final response) becomes current, shown in the inspector
    void onCurrentRowChanged(int row);
    void updateActions();
    void updateStatus();
    void readSettings();
    void writeSettings() const;
    // Sessions (mainwindow_session.cpp).
    void createSessionActions();
    void buildSessionUi();
    void loadSession(const Session &session, const QString &path, bool modified);
    Session currentSession() const;
    void onCaseSelected(const QModelIndex &index);
    void storeEditorInCase();
    void onSessionModified();
    void caseRunFinished(const Trace &trace);
    void createCaseRunner();
    void runCases(const QList<QModelIndex> &cases, const std::optional<SessionCase> &edited = std::nullopt);
    QString startRunnerCase(const QVariant &id, const RequestSpec &request, const Options &options);
    void onRunnerCaseFinished(const CaseRunResult &result);
    void onRunnerFinished();
    void updateTitle();
    void updateRecentSessions(const QString &path);
    void rebuildRecentMenu();
    QString resolveUrlText(const QString &text, QString *error) const;
    bool startCaseRun(bool stepMode, RequestSpec *request, Options *options);
    void exportWithDialog();
    void importCurlWithDialog();
    void importHarWithDialog();
    void restoreSnapshot(const Session &session);
    void buildSandboxUi();
    void tryScenario(const SandboxScenario &scenario);
    void updateUndoActions();

    Engine *m_engine = nullptr;
    TimelineModel *m_model = nullptr;
    RequestEditor *m_editor = nullptr;
    QListView *m_timeline = nullptr;
    HopInspector *m_inspector = nullptr;
    StepEditor *m_stepEditor = nullptr;
    CompareView *m_compare = nullptr;
    QTabWidget *m_results = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_traceSplitter = nullptr;
    QSplitter *m_sideSplitter = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_ticker = nullptr;
    QElapsedTimer m_elapsed;
    QHash<QString, QAction *> m_actions;
    RequestSpec m_lastSent;          // the request of the latest hop, as the policy or the user shaped it
    bool m_followLatest = true;      // select each new hop until the user picks one
    bool m_selectingLatest = false;  // the selection change is ours, not the user's

    SessionPanel *m_sessionPanel = nullptr;
    SessionDocument *m_document = nullptr;
    ExpectationsEditor *m_expectations = nullptr;
    QFrame *m_recoveryBar = nullptr;
    QFrame *m_demoBar = nullptr;
    SandboxPanel *m_sandboxPanel = nullptr;
    QDockWidget *m_sandboxDock = nullptr;
    std::optional<SessionDocument::Recovery> m_pendingRecovery;
    QSplitter *m_sessionSplitter = nullptr;
    std::function<int()> m_savePrompt;
    QLabel *m_recoveryText = nullptr;
    QMenu *m_recentMenu = nullptr;
    QStringList m_recentSessions;
    QPersistentModelIndex m_currentCase;
    bool m_loadingCase = false;                  // filling the editor from a case: not an edit
    QPersistentModelIndex m_runningCase;         // the case whose run is in the timeline now
    CaseRunner *m_runner = nullptr;              // runs the cases (Send on a case, Run Case, Run All)
    std::optional<ResolvedCase> m_startingCase;  // the runner's case, being started through Send
    bool m_runningAll = false;
    int m_runPassed = 0;
    int m_runFailed = 0;
    QList<Session> m_undo;
    QList<Session> m_redo;
    Session m_snapshot;          // the session after the latest recorded change
    QElapsedTimer m_lastTyping;  // when the latest edit of m_typingCase was recorded
    QPersistentModelIndex m_typingCase;
    bool m_editingFromEditor = false;  // the change being recorded is the editor's
    bool m_recordingRun = false;       // the change being recorded is a run's last trace
    bool m_restoring = false;          // undo or redo is putting a snapshot back
};

}  // namespace Rwb
