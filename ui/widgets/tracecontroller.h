#pragma once

#include "core/http/trace.h"
#include "core/session/session.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QKeySequence>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QListView;
class QTabWidget;
class QTimer;
class QWidget;

namespace Rwb {

class CompareView;
class Engine;
class HopInspector;
class RequestEditor;
class StepEditor;
class TimelineModel;

// The request side of the window: Send, Step, Continue, Stop and Compare Profiles on the request in the
// editor. The engine's hops go into the timeline as they come, the latest one selected until the user
// picks another; the step editor shows the next request while a step-through is paused; the status label
// counts hops and time. Owns the engine and the timeline's model.
class TraceController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraceController)

public:
    struct Views {
        RequestEditor *editor = nullptr;
        QListView *timeline = nullptr;  // given its model here
        HopInspector *inspector = nullptr;
        StepEditor *stepEditor = nullptr;
        CompareView *compare = nullptr;
        QTabWidget *results = nullptr;  // the timeline's tab first, the comparison's second
        QLabel *status = nullptr;
    };
    struct Actions {
        QAction *send = nullptr;
        QAction *step = nullptr;
        QAction *resume = nullptr;  // Continue ("continue")
        QAction *stop = nullptr;
        QAction *compare = nullptr;
        QAction *copyCurl = nullptr;
    };
    // Send with a saved case selected: true when it took the send over (it runs the case, or said why it
    // cannot); false lets the editor's request go as it is.
    using CaseSender = std::function<bool(bool stepMode)>;

    // The actions are added to `window`, whose shortcuts they are.
    TraceController(const Views &views, QWidget *window);
    ~TraceController() override;

    // The key sequences of Send: Ctrl+Return and Ctrl+Enter (keypad).
    static QList<QKeySequence> sendShortcuts();

    const Actions &actions() const { return m_actions; }
    RequestEditor *editor() const { return m_views.editor; }
    Engine *engine() const { return m_engine; }
    TimelineModel *model() const { return m_model; }
    bool isRunning() const;  // a trace, paused or not (a comparison is not one)

    void setCaseSender(CaseSender sender) { m_caseSender = std::move(sender); }
    // Starts a trace of the editor's request, or of `resolved` in its place (a case, its {{variables}}
    // resolved): the views are readied and the engine started. False, with the reason in the status bar,
    // while a trace or a comparison runs or when the editor's request is not valid, and when the case
    // sender took the send over.
    bool start(bool stepMode, const std::optional<ResolvedCase> &resolved = std::nullopt);
    // Shows a trace that was not produced here (loaded, or built for a picture or a benchmark). A
    // `caption` ("earlier run, 20:21:20") leads the status line for as long as this trace is shown.
    void showTrace(const Trace &trace, const QString &caption = QString());
    // An empty timeline for a trace in `profile` (the selected case has not run).
    void clear(const QString &profile);

public slots:
    void send();
    void step();
    void continueTrace();
    void stop();
    void compareProfiles();

signals:
    void statusMessage(const QString &text, int timeout = 0);

private:
    void createActions(QWidget *window);
    void resumeWith(bool stepMode);
    void onHopStarted(int index);
    void onHopRecorded(int index);
    void onPaused(const RequestSpec &next);
    void onFinished();
    void showStepEditor();  // beside the inspector, or in its place when there is no room for both
    void hideStepEditor();
    void follow(int row);   // selects a row for the user, who has not picked one
    void selectFinalHop();  // the last hop (the final response) becomes current, shown in the inspector
    void onCurrentRowChanged(int row);
    void updateActions();
    void updateStatus();

    Views m_views;
    Actions m_actions;
    Engine *m_engine = nullptr;
    TimelineModel *m_model = nullptr;
    QTimer *m_ticker = nullptr;
    QElapsedTimer m_elapsed;
    QString m_caption;  // showTrace()'s caption, for the trace that started at m_captionFor
    QDateTime m_captionFor;
    CaseSender m_caseSender;
    RequestSpec m_lastSent;          // the request of the latest hop, as the policy or the user shaped it
    bool m_followLatest = true;      // select each new hop until the user picks one
    bool m_selectingLatest = false;  // set by follow(): the selection change is ours, not the user's
    bool m_inspectorHiddenForStep = false;  // showStepEditor() hid it: no room for both
};

}  // namespace Rwb
