// MainWindow's redirect sandbox (Tools → Redirect Sandbox) and the demo session (Help → Open Demo,
// offered on the first start).
#include "widgets/mainwindow.h"

#include "core/engine/engine.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenarios.h"
#include "widgets/requesteditor.h"
#include "widgets/sandboxpanel.h"
#include "widgets/sessionmodel.h"
#include "widgets/sessionpanel.h"
#include "widgets/urledit.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Rwb {

namespace {

constexpr auto kDemoResource = ":/demo/demo.rwbsession";
constexpr auto kDemoOfferedKey = "demo/offered";

}  // namespace

void MainWindow::buildSandboxUi()
{
    m_sandboxPanel = new SandboxPanel(this);
    m_sandboxPanel->setObjectName(QStringLiteral("sandboxPanel"));
    m_sandboxDock = new QDockWidget(tr("Redirect Sandbox"), this);
    m_sandboxDock->setObjectName(QStringLiteral("sandboxDock"));
    m_sandboxDock->setWidget(m_sandboxPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_sandboxDock);
    m_sandboxDock->hide();

    auto *toggle = new QAction(tr("Redirect &Sandbox"), this);
    toggle->setObjectName(QStringLiteral("sandbox"));
    toggle->setCheckable(true);
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    toggle->setToolTip(tr("A local server with redirect scenarios and your own rules, on 127.0.0.1 "
                          "(Ctrl+Shift+B)"));
    connect(toggle, &QAction::triggered, this, [this](bool on) {
        if (on) {
            m_sandboxDock->show();
            resizeDocks({m_sandboxDock}, {m_sandboxDock->fontMetrics().averageCharWidth() * 44},
                        Qt::Horizontal);
            m_sandboxDock->raise();
            if (!m_sandboxPanel->start())
                statusBar()->showMessage(tr("The sandbox could not start"), 8000);
        } else {
            m_sandboxPanel->stop();
        }
    });
    addAction(toggle);
    m_actions.insert(toggle->objectName(), toggle);
    connect(m_sandboxPanel, &SandboxPanel::runningChanged, this, [this, toggle](bool running) {
        toggle->setChecked(running);
        // The URL field's {{sandbox}} check follows the server.
        m_editor->setVariableResolver(
            [this](const QString &text, QString *error) { return resolveUrlText(text, error); });
        statusBar()->showMessage(
            running ? tr("Sandbox serving on %1").arg(m_sandboxPanel->sandbox()->originUrl().toString())
                    : tr("Sandbox stopped"),
            6000);
    });
    connect(m_sandboxPanel, &SandboxPanel::rulesEdited, this,
            [this] { m_sessionPanel->model()->setSandboxRules(m_sandboxPanel->rules()); });
    connect(m_sandboxPanel, &SandboxPanel::tryScenario, this, &MainWindow::tryScenario);

    auto *demo = new QAction(tr("Open &Demo"), this);
    demo->setObjectName(QStringLiteral("openDemo"));
    demo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    demo->setToolTip(tr("Open the demo session, start the sandbox and run every case (Ctrl+Shift+D)"));
    connect(demo, &QAction::triggered, this, [this] {
        if (maybeSave())
            openDemo(true);
    });
    addAction(demo);
    m_actions.insert(demo->objectName(), demo);

    // Offered once, on the first start: a bar, never a dialog in the way.
    m_demoBar = new QFrame(this);
    m_demoBar->setObjectName(QStringLiteral("demoBar"));
    m_demoBar->setFrameShape(QFrame::StyledPanel);
    auto *text = new QLabel(tr("New here? The demo session runs real redirect scenarios (maintenance pages, "
                               "moved resources, Post/Redirect/Get, cookies, HSTS, loops) against a local "
                               "sandbox."),
                            m_demoBar);
    text->setWordWrap(true);
    auto *open = new QPushButton(tr("Open the &Demo"), m_demoBar);
    open->setObjectName(QStringLiteral("openDemoButton"));
    open->setToolTip(demo->toolTip());
    auto *dismiss = new QPushButton(tr("No, Thanks"), m_demoBar);
    dismiss->setToolTip(tr("Hide this; Help → Open Demo brings the demo any time"));
    connect(open, &QPushButton::clicked, this, [this] {
        m_demoBar->hide();
        if (maybeSave())
            openDemo(true);
    });
    connect(dismiss, &QPushButton::clicked, m_demoBar, &QWidget::hide);
    auto *layout = new QHBoxLayout(m_demoBar);
    layout->addWidget(text, 1);
    layout->addWidget(open);
    layout->addWidget(dismiss);
    if (auto *central = qobject_cast<QVBoxLayout *>(centralWidget()->layout()))
        central->insertWidget(1, m_demoBar);  // under the recovery bar, above everything else
    QSettings settings;
    m_demoBar->setVisible(!settings.value(QLatin1String(kDemoOfferedKey)).toBool());
    settings.setValue(QLatin1String(kDemoOfferedKey), true);
}

Variables MainWindow::runtimeVariables() const
{
    if (!m_sandboxPanel || !m_sandboxPanel->isRunning())
        return {};
    return sandboxVariables(m_sandboxPanel->sandbox()->urls());
}

bool MainWindow::openDemo(bool runAll)
{
    QFile file{QString::fromLatin1(kDemoResource)};
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const SessionLoadResult loaded = sessionFromJson(file.readAll());
    if (!loaded.session) {
        statusBar()->showMessage(tr("The demo session could not be read: %1").arg(loaded.error), 10000);
        return false;
    }
    m_demoBar->hide();
    m_sandboxDock->show();
    resizeDocks({m_sandboxDock}, {m_sandboxDock->fontMetrics().averageCharWidth() * 44}, Qt::Horizontal);
    QString error;
    if (!m_sandboxPanel->start(&error)) {
        statusBar()->showMessage(tr("The sandbox could not start: %1").arg(error), 10000);
        return false;
    }
    loadSession(*loaded.session, QString(), false);  // untitled: Save asks where, the demo stays as shipped
    m_sessionPanel->view()->expandAll();
    if (runAll)
        QTimer::singleShot(0, this, &MainWindow::runAll);
    return true;
}

void MainWindow::tryScenario(const SandboxScenario &scenario)
{
    if (m_engine->isRunning() || isRunningCases())
        return;
    // A scratch request, not a change to the selected case.
    m_sessionPanel->view()->setCurrentIndex(QModelIndex());
    onCaseSelected(QModelIndex());
    const SandboxUrls urls = m_sandboxPanel->sandbox()->urls();
    m_editor->setRequest(sandboxScenarioRequest(scenario, urls));
    m_editor->setOptions(sandboxScenarioOptions(scenario, m_editor->options().profile));
    statusBar()->showMessage(
        tr("%1: press Ctrl+Enter to send, or Compare Profiles (Ctrl+Shift+Enter)").arg(scenario.title),
        10000);
    m_editor->urlEdit()->setFocus();
}

}  // namespace Rwb
