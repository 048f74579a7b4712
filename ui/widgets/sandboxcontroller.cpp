#include "widgets/sandboxcontroller.h"

#include "sandbox/sandbox.h"
#include "sandbox/scenarios.h"
#include "widgets/caseruncontroller.h"
#include "widgets/requesteditor.h"
#include "widgets/sandboxpanel.h"
#include "widgets/sessioncontroller.h"
#include "widgets/sessionpanel.h"
#include "widgets/tracecontroller.h"
#include "widgets/urledit.h"
#include "workbench/sessionmodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QFrame>
#include <QMainWindow>
#include <QSettings>
#include <QTimer>
#include <QTreeView>

namespace Rwb {

namespace {

constexpr auto kDemoResource = ":/demo/demo.rwbsession";
constexpr auto kDemoOfferedKey = "demo/offered";

}  // namespace

SandboxController::SandboxController(const Views &views, SessionController *sessions, CaseRunController *runs,
                                     TraceController *trace, QMainWindow *window)
    : QObject(window)
    , m_views(views)
    , m_sessions(sessions)
    , m_runs(runs)
    , m_trace(trace)
    , m_window(window)
{
    SandboxPanel *panel = m_views.panel;
    m_actions.sandbox = new QAction(tr("Redirect &Sandbox"), this);
    m_actions.sandbox->setObjectName(QStringLiteral("sandbox"));
    m_actions.sandbox->setCheckable(true);
    m_actions.sandbox->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_actions.sandbox->setToolTip(
        tr("A local server with redirect scenarios and your own rules, on 127.0.0.1 "
           "(Ctrl+Shift+B)"));
    connect(m_actions.sandbox, &QAction::triggered, this, [this](bool on) {
        if (!on) {
            m_views.panel->stop();
            return;
        }
        showDock();
        m_views.dock->raise();
        if (!m_views.panel->start())
            emit statusMessage(tr("The sandbox could not start"), 8000);
    });
    window->addAction(m_actions.sandbox);
    connect(panel, &SandboxPanel::runningChanged, this, [this](bool running) {
        m_actions.sandbox->setChecked(running);
        m_sessions->recheckVariables();  // the URL field's {{sandbox}} check follows the server
        emit statusMessage(
            running ? tr("Sandbox serving on %1").arg(m_views.panel->sandbox()->originUrl().toString())
                    : tr("Sandbox stopped"),
            6000);
    });
    connect(panel, &SandboxPanel::rulesEdited, this,
            [this] { m_sessions->model()->setSandboxRules(m_views.panel->rules()); });
    connect(panel, &SandboxPanel::tryScenario, this, &SandboxController::tryScenario);

    m_actions.openDemo = new QAction(tr("Open &Demo"), this);
    m_actions.openDemo->setObjectName(QStringLiteral("openDemo"));
    m_actions.openDemo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_actions.openDemo->setToolTip(
        tr("Open the demo session, start the sandbox and run every case (Ctrl+Shift+D)"));
    connect(m_actions.openDemo, &QAction::triggered, this, [this] {
        if (m_sessions->maybeSave())
            openDemo(true);
    });
    window->addAction(m_actions.openDemo);

    // Offered once, on the first start: a bar, never a dialog in the way.
    m_views.demoOpen->setToolTip(m_actions.openDemo->toolTip());
    connect(m_views.demoOpen, &QAbstractButton::clicked, this, &SandboxController::acceptDemoOffer);
    QSettings settings;
    m_views.demoBar->setVisible(!settings.value(QLatin1String(kDemoOfferedKey)).toBool());
    settings.setValue(QLatin1String(kDemoOfferedKey), true);
}

SandboxController::~SandboxController() = default;

void SandboxController::showDock()
{
    m_views.dock->show();
    m_window->resizeDocks({m_views.dock}, {m_views.dock->fontMetrics().averageCharWidth() * 44},
                          Qt::Horizontal);
}

Variables SandboxController::runtimeVariables() const
{
    if (!m_views.panel->isRunning())
        return {};
    return sandboxVariables(m_views.panel->sandbox()->urls());
}

void SandboxController::acceptDemoOffer()
{
    m_views.demoBar->hide();
    if (m_sessions->maybeSave())
        openDemo(true);
}

bool SandboxController::openDemo(bool runAll)
{
    QFile file{QString::fromLatin1(kDemoResource)};
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const SessionLoadResult loaded = sessionFromJson(file.readAll());
    if (!loaded.session) {
        emit statusMessage(tr("The demo session could not be read: %1").arg(loaded.error), 10000);
        return false;
    }
    m_views.demoBar->hide();
    showDock();
    QString error;
    if (!m_views.panel->start(&error)) {
        emit statusMessage(tr("The sandbox could not start: %1").arg(error), 10000);
        return false;
    }
    // Untitled: Save asks where, and the demo stays as shipped.
    m_sessions->loadSession(*loaded.session, QString(), false);
    m_sessions->panel()->view()->expandAll();
    if (runAll)
        QTimer::singleShot(0, m_runs, &CaseRunController::runAll);
    return true;
}

void SandboxController::tryScenario(const SandboxScenario &scenario)
{
    if (m_trace->isRunning() || m_runs->isRunning())
        return;
    m_sessions->selectNoCase();  // a scratch request, not a change to the selected case
    RequestEditor *editor = m_trace->editor();
    const SandboxUrls urls = m_views.panel->sandbox()->urls();
    editor->setRequest(sandboxScenarioRequest(scenario, urls));
    editor->setOptions(sandboxScenarioOptions(scenario, editor->options().profile));
    emit statusMessage(
        tr("%1: press Ctrl+Enter to send, or Compare Profiles (Ctrl+Shift+Enter)").arg(scenario.title),
        10000);
    editor->urlEdit()->setFocus();
}

}  // namespace Rwb
