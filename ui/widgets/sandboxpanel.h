#pragma once

#include "sandbox/scenarios.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace Rwb {

class Sandbox;

// Tools → Redirect Sandbox: the local server that answers by rules, with its built-in scenarios to try,
// the session's own rules (path → status, Location, headers, body, delay) and a log of what it served.
class SandboxPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxPanel)

public:
    explicit SandboxPanel(QWidget *parent = nullptr);
    ~SandboxPanel() override;

    Sandbox *sandbox() const { return m_sandbox; }
    // Starts on free ports; false and *error (also shown in the panel) when it cannot listen.
    bool start(QString *error = nullptr);
    void stop();
    bool isRunning() const;

    // The session's rules (loading a session is not an edit: no rulesEdited()).
    void setRules(const QList<SandboxRule> &rules);
    QList<SandboxRule> rules() const { return m_rules; }
    // Adds a rule (path "/my/page", 302 to {{origin}}/) and selects it for editing.
    void addRule();
    bool removeRule(int row);

    QListWidget *scenarioList() const { return m_scenarios; }
    QListWidget *ruleList() const { return m_ruleList; }
    QTabWidget *tabs() const { return m_tabs; }
    QString logText() const;

signals:
    void runningChanged(bool running);
    // The user changed the rules (added, removed, edited one): the window keeps them in the session.
    void rulesEdited();
    // "Try it" on a built-in scenario: the window puts its request in the editor.
    void tryScenario(const SandboxScenario &scenario);

private:
    void updateState();
    void showRule(int row);
    void storeRule();
    QString ruleTitle(const SandboxRule &rule) const;

    Sandbox *m_sandbox = nullptr;
    QPushButton *m_startStop = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListWidget *m_scenarios = nullptr;
    QLabel *m_scenarioText = nullptr;
    QPushButton *m_try = nullptr;
    QListWidget *m_ruleList = nullptr;
    QWidget *m_ruleForm = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_method = nullptr;
    QSpinBox *m_statusCode = nullptr;
    QLineEdit *m_location = nullptr;
    QSpinBox *m_delay = nullptr;
    QLineEdit *m_cookie = nullptr;
    QLineEdit *m_contentType = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLabel *m_ruleProblem = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QList<SandboxRule> m_rules;
    bool m_filling = false;  // the form is being filled from a rule: not an edit
};

}  // namespace Rwb
