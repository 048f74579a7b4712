#pragma once

#include "core/session/session.h"

#include <QObject>

class QAbstractButton;
class QAction;
class QDockWidget;
class QFrame;
class QMainWindow;

namespace Rwb {

class CaseRunController;
class SandboxPanel;
class SessionController;
class TraceController;
struct SandboxScenario;

// The redirect sandbox (Tools → Redirect Sandbox: a local server in a dock, with its scenarios and the
// session's own rules) and the demo session (Help → Open Demo, offered once in a bar on the first start).
class SandboxController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxController)

public:
    struct Views {
        SandboxPanel *panel = nullptr;
        QDockWidget *dock = nullptr;  // holds the panel
        QFrame *demoBar = nullptr;
        QAbstractButton *demoOpen = nullptr;  // the bar's Open button
    };
    struct Actions {
        QAction *sandbox = nullptr;  // checked while the sandbox serves
        QAction *openDemo = nullptr;
    };

    // The actions are added to `window`, whose dock area holds the sandbox.
    SandboxController(const Views &views, SessionController *sessions, CaseRunController *runs,
                      TraceController *trace, QMainWindow *window);
    ~SandboxController() override;

    const Actions &actions() const { return m_actions; }

    // The demo session (one case per built-in sandbox scenario), untitled, with the sandbox started;
    // runAll true also runs every case. False when the sandbox cannot start.
    bool openDemo(bool runAll = true);
    // The variables a running sandbox gives the cases ({{sandbox}}, ...); empty when it is stopped.
    Variables runtimeVariables() const;

signals:
    void statusMessage(const QString &text, int timeout = 0);

private:
    void showDock();
    void acceptDemoOffer();  // the bar goes, and the demo opens once unsaved changes are dealt with
    void tryScenario(const SandboxScenario &scenario);

    Views m_views;
    Actions m_actions;
    SessionController *m_sessions = nullptr;
    CaseRunController *m_runs = nullptr;
    TraceController *m_trace = nullptr;
    QMainWindow *m_window = nullptr;
};

}  // namespace Rwb
