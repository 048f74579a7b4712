#pragma once

#include "model.h"

#include <QElapsedTimer>
#include <QMainWindow>

class QAction;
class QLabel;
class QListView;
class QSplitter;
class QTabWidget;
class QTimer;

namespace Rwb {

class CompareView;
class Engine;
class HopInspector;
class RequestEditor;
class StepEditor;
class TimelineModel;

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

    // Shows a trace that was not produced here (loaded, or built for a picture or a benchmark).
    void showTrace(const Trace &trace);

    // The window's actions, by object name ("send", "step", "continue", "stop", "compare", ...).
    QAction *action(const QString &name) const;

    // The key sequences of Send: Ctrl+Return and Ctrl+Enter (keypad).
    static QList<QKeySequence> sendShortcuts();

public slots:
    void send();
    void step();
    void continueTrace();
    void stop();
    void compareProfiles();

protected:
    void closeEvent(QCloseEvent *event) override;

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
    void onCurrentRowChanged(int row);
    void updateActions();
    void updateStatus();
    void readSettings();
    void writeSettings() const;

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
};

}  // namespace Rwb
