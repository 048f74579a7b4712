#pragma once

#include "core/session/session.h"

#include <QDialog>

class QLineEdit;
class QListWidget;
class QTableWidget;

namespace Rwb {

// The session's name, its variables ({{name}} in URLs, headers, bodies and auth) and its named
// environments, each with the variables it overrides.
class SessionSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionSettingsDialog)

public:
    explicit SessionSettingsDialog(const Session &settings, QWidget *parent = nullptr);
    ~SessionSettingsDialog() override;

    // Name, variables and environments as edited (rows without a name are left out); the items of the
    // session given to the constructor are not part of it.
    Session settings() const;
    // Empty when the settings can be taken; otherwise what is wrong ("two environments named staging").
    QString problem() const;

    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *variablesTable() const { return m_variables; }
    QListWidget *environmentList() const { return m_environments; }
    QTableWidget *environmentTable() const { return m_envVariables; }
    // Adds an environment (and selects it); its variables start empty.
    void addEnvironment(const QString &name);

    void accept() override;

private:
    void showEnvironment(int row);
    void storeEnvironment(int row);

    QLineEdit *m_name = nullptr;
    QTableWidget *m_variables = nullptr;
    QListWidget *m_environments = nullptr;
    QTableWidget *m_envVariables = nullptr;
    QList<Variables> m_envValues;  // per row of m_environments
    int m_shownEnvironment = -1;
};

}  // namespace Rwb
