#include "widgets/headereditview.h"

#include "workbench/headereditmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Rwb {

HeaderEditView::HeaderEditView(HeaderEditModel *model, const QString &what, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_suppress(new QPushButton(tr("Leave &out"), this))
{
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_view->setTabKeyNavigation(false);  // Tab leaves the table; arrows move between cells
    m_view->verticalHeader()->hide();
    // Compact rows: a header list is read line by line, like the raw request.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(0, 200);
    m_view->setWordWrap(false);
    m_view->setToolTip(tr("%1: tick a row to send it. Type into the last row to add one; Insert adds, "
                          "Delete removes the selected rows.")
                           .arg(what));

    auto *add = new QPushButton(tr("&Add"), this);
    add->setToolTip(tr("Add a row (Insert in the table)"));
    auto *remove = new QPushButton(tr("&Remove"), this);
    remove->setToolTip(tr("Remove the selected rows (Delete in the table)"));
    connect(add, &QPushButton::clicked, this, [this] { addRow(); });
    connect(remove, &QPushButton::clicked, this, [this] { removeSelectedRows(); });
    m_suppress->setToolTip(tr("Do not send the client's own header of the selected row's name (curl's "
                              "-H 'Name:'); again to make it a plain row"));
    m_suppress->hide();
    connect(m_suppress, &QPushButton::clicked, this, [this] { toggleSuppressSelectedRows(); });

    // WidgetShortcut: only while the table itself has focus, so an open cell editor keeps its keys.
    auto *insertKey =
        new QShortcut(QKeySequence(Qt::Key_Insert), m_view, nullptr, nullptr, Qt::WidgetShortcut);
    connect(insertKey, &QShortcut::activated, this, [this] { addRow(); });
    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_view, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, [this] { removeSelectedRows(); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addWidget(m_suppress);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    setFocusProxy(m_view);
}

void HeaderEditView::addRow()
{
    const QModelIndex cell = m_model->index(m_model->rowCount() - 1, 0);
    m_view->setFocus();
    m_view->setCurrentIndex(cell);
    m_view->edit(cell);
}

QList<int> HeaderEditView::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        rows << i.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    rows.removeIf([this](int row) { return m_model->isPlaceholderRow(row); });
    return rows;
}

void HeaderEditView::removeSelectedRows()
{
    QList<int> rows = selectedRows();
    // From the bottom up so earlier indexes stay valid.
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : std::as_const(rows))
        m_model->removeRow(row);
}

void HeaderEditView::setSuppressible(bool on)
{
    m_suppress->setVisible(on);
}

void HeaderEditView::toggleSuppressSelectedRows()
{
    const QList<HeaderEditModel::Row> all = m_model->rows();
    for (int row : selectedRows())
        m_model->setRowSuppressed(row, !all.at(row).suppress);
}

}  // namespace Rwb
