#include "widgets/sessionsettingsdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Rwb {

namespace {

QTableWidget *newVariablesTable(QWidget *parent)
{
    auto *table = new QTableWidget(0, 2, parent);
    table->setHorizontalHeaderLabels({SessionSettingsDialog::tr("Name"), SessionSettingsDialog::tr("Value")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->resizeSection(0, 160);
    table->verticalHeader()->hide();
    table->setToolTip(SessionSettingsDialog::tr(
        "{{name}} in a case's URL, headers, body or auth is replaced by the value"));
    return table;
}

void setVariables(QTableWidget *table, const Variables &variables)
{
    table->setRowCount(0);
    for (const auto &v : variables) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(v.first));
        table->setItem(row, 1, new QTableWidgetItem(v.second));
    }
}

Variables variables(const QTableWidget *table)
{
    Variables out;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QTableWidgetItem *name = table->item(row, 0);
        const QTableWidgetItem *value = table->item(row, 1);
        const QString n = name ? name->text().trimmed() : QString();
        if (!n.isEmpty())
            out.append({n, value ? value->text() : QString()});
    }
    return out;
}

// Add and Remove under a table.
QWidget *withButtons(QWidget *parent, QTableWidget *table)
{
    auto *box = new QWidget(parent);
    auto *add = new QPushButton(SessionSettingsDialog::tr("Add"), box);
    add->setToolTip(SessionSettingsDialog::tr("Add a variable"));
    auto *remove = new QPushButton(SessionSettingsDialog::tr("Remove"), box);
    remove->setToolTip(SessionSettingsDialog::tr("Remove the selected variable"));
    QObject::connect(add, &QPushButton::clicked, table, [table] {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem);
        table->setItem(row, 1, new QTableWidgetItem);
        table->setCurrentCell(row, 0);
        table->editItem(table->item(row, 0));
    });
    QObject::connect(remove, &QPushButton::clicked, table, [table] {
        if (table->currentRow() >= 0)
            table->removeRow(table->currentRow());
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table);
    layout->addLayout(buttons);
    return box;
}

}  // namespace

SessionSettingsDialog::SessionSettingsDialog(const Session &settings, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(settings.name, this))
    , m_variables(newVariablesTable(this))
    , m_environments(new QListWidget(this))
    , m_envVariables(newVariablesTable(this))
{
    setWindowTitle(tr("Session Settings"));
    m_name->setPlaceholderText(tr("Untitled"));
    setVariables(m_variables, settings.variables);
    for (const Environment &e : settings.environments) {
        auto *item = new QListWidgetItem(e.name, m_environments);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_envValues.append(e.variables);
    }
    m_environments->setToolTip(
        tr("Environments override the session's variables with their own (double-click "
           "to rename)"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);

    auto *varsBox = new QGroupBox(tr("Variables"), this);
    auto *varsLayout = new QVBoxLayout(varsBox);
    varsLayout->addWidget(withButtons(varsBox, m_variables));

    auto *envBox = new QGroupBox(tr("Environments"), this);
    auto *addEnv = new QPushButton(tr("Add environment"), envBox);
    addEnv->setToolTip(tr("A named set of values (staging, production) chosen above the session tree"));
    auto *removeEnv = new QPushButton(tr("Remove environment"), envBox);
    removeEnv->setToolTip(tr("Remove the selected environment"));
    connect(addEnv, &QPushButton::clicked, this, [this] {
        addEnvironment(tr("environment %1").arg(m_environments->count() + 1));
        m_environments->editItem(m_environments->currentItem());
    });
    connect(removeEnv, &QPushButton::clicked, this, [this] {
        const int row = m_environments->currentRow();
        if (row < 0)
            return;
        m_shownEnvironment = -1;
        m_envValues.removeAt(row);
        delete m_environments->takeItem(row);
        showEnvironment(m_environments->currentRow());
    });
    auto *envButtons = new QVBoxLayout;
    envButtons->addWidget(m_environments);
    envButtons->addWidget(addEnv);
    envButtons->addWidget(removeEnv);
    auto *envLayout = new QHBoxLayout(envBox);
    envLayout->addLayout(envButtons, 1);
    envLayout->addWidget(withButtons(envBox, m_envVariables), 2);
    connect(m_environments, &QListWidget::currentRowChanged, this, &SessionSettingsDialog::showEnvironment);
    // The shown environment's table writes through to its values.
    QAbstractItemModel *envModel = m_envVariables->model();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(envModel, signal, this, [this] { storeEnvironment(m_shownEnvironment); });
    connect(envModel, &QAbstractItemModel::dataChanged, this,
            [this] { storeEnvironment(m_shownEnvironment); });
    showEnvironment(m_environments->count() > 0 ? 0 : -1);
    if (m_environments->count() > 0)
        m_environments->setCurrentRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SessionSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(varsBox, 1);
    layout->addWidget(envBox, 1);
    layout->addWidget(buttons);
    resize(640, 560);
}

SessionSettingsDialog::~SessionSettingsDialog() = default;

void SessionSettingsDialog::addEnvironment(const QString &name)
{
    auto *item = new QListWidgetItem(name, m_environments);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_envValues.append(Variables());
    m_environments->setCurrentItem(item);
}

void SessionSettingsDialog::showEnvironment(int row)
{
    m_shownEnvironment = -1;  // while the table fills, nothing is written back
    setVariables(m_envVariables, row >= 0 && row < m_envValues.size() ? m_envValues.at(row) : Variables());
    m_envVariables->setEnabled(row >= 0);
    m_shownEnvironment = row;
}

void SessionSettingsDialog::storeEnvironment(int row)
{
    if (row >= 0 && row < m_envValues.size())
        m_envValues[row] = variables(m_envVariables);
}

Session SessionSettingsDialog::settings() const
{
    Session s;
    s.name = m_name->text().trimmed();
    s.variables = variables(m_variables);
    for (int row = 0; row < m_environments->count(); ++row) {
        const QString name = m_environments->item(row)->text().trimmed();
        if (!name.isEmpty())
            s.environments.append(Environment{name, m_envValues.value(row)});
    }
    return s;
}

QString SessionSettingsDialog::problem() const
{
    QSet<QString> seen;
    for (int row = 0; row < m_environments->count(); ++row) {
        const QString name = m_environments->item(row)->text().trimmed();
        if (seen.contains(name))
            return tr("Two environments are named \"%1\"").arg(name);
        seen.insert(name);
    }
    return {};
}

void SessionSettingsDialog::accept()
{
    const QString why = problem();
    if (!why.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), why);
        return;
    }
    QDialog::accept();
}

}  // namespace Rwb
