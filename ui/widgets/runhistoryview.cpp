#include "widgets/runhistoryview.h"

#include "workbench/rowtablemodel.h"
#include "workbench/runhistory.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Rwb {

RunHistoryView::RunHistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new RowTableModel(runHistoryColumns(), this))
    , m_view(new QTableView(this))
{
    m_model->setPalette(palette());
    m_view->setObjectName(QStringLiteral("runHistoryTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    QHeaderView *header = m_view->horizontalHeader();
    // Everything but the final URL as wide as its text; the URL takes the rest (its tooltip has it whole).
    for (int column : {RunVerdictColumn, RunTimeColumn, RunOutcomeColumn, RunProfileColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RunFinalUrlColumn, QHeaderView::Stretch);
    m_view->setToolTip(tr("The case's runs, newest first. Enter or double-click shows one in the timeline"));

    m_open = new QAction(tr("Open in Timeline"), this);
    m_open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_open->setShortcutContext(Qt::WidgetShortcut);
    m_open->setToolTip(tr("Show the selected run's trace in the timeline (Enter)"));
    connect(m_open, &QAction::triggered, this, [this] { openRun(m_view->currentIndex().row()); });
    m_view->addAction(m_open);
    connect(m_view, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { openRun(index.row()); });

    m_openButton = new QPushButton(m_open->text(), this);
    m_openButton->setObjectName(QStringLiteral("openRunButton"));
    m_openButton->setToolTip(m_open->toolTip());
    connect(m_openButton, &QPushButton::clicked, m_open, &QAction::trigger);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { m_openButton->setEnabled(m_view->currentIndex().isValid()); });

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("runHistoryNote"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_note, 1);
    bottom->addWidget(m_openButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);
    clear();
}

RunHistoryView::~RunHistoryView() = default;

void RunHistoryView::setCase(const SessionCase &testCase)
{
    m_hasCase = true;
    m_runs = caseRuns(testCase);
    QList<RowTableModel::Row> rows;
    rows.reserve(m_runs.size());
    for (qsizetype i = 0; i < m_runs.size(); ++i)
        rows.append(runHistoryRow(m_runs.at(i), i == 0));
    m_model->setRows(rows);
    setEnabled(true);
    if (!m_runs.isEmpty())
        m_view->setCurrentIndex(m_model->index(0, 0));
    m_openButton->setEnabled(!m_runs.isEmpty());
    updateNote();
}

void RunHistoryView::clear()
{
    m_hasCase = false;
    m_runs.clear();
    m_model->setRows({});
    m_openButton->setEnabled(false);
    setEnabled(false);
    updateNote();
}

void RunHistoryView::setRunsKept(int runs)
{
    m_runsKept = runs;
    updateNote();
}

bool RunHistoryView::openRun(int row)
{
    if (row < 0 || row >= m_runs.size())
        return false;
    m_view->setCurrentIndex(m_model->index(row, 0));
    emit openRequested(m_runs.at(row), row == 0);
    return true;
}

bool RunHistoryView::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    return QWidget::event(event);
}

void RunHistoryView::updateNote()
{
    if (!m_hasCase) {
        m_note->setText(tr("Select a saved case to see its runs."));
        return;
    }
    const QString kept =
        m_runsKept == 1
            ? tr("The session keeps only the latest run of each case (Edit → Preferences).")
            : tr("The session keeps the last %1 runs of each case (Edit → Preferences).").arg(m_runsKept);
    m_note->setText(m_runs.isEmpty() ? tr("The case has not run yet: F5 runs it. %1").arg(kept) : kept);
}

}  // namespace Rwb
