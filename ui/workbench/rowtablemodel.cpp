#include "workbench/rowtablemodel.h"

#include <QFont>
#include <QFontDatabase>

namespace Rwb {

RowTableModel::RowTableModel(const QStringList &columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(columns)
{
}

RowTableModel::~RowTableModel() = default;

void RowTableModel::setRows(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void RowTableModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, int(m_columns.size()) - 1),
                           {Qt::ForegroundRole});
}

void RowTableModel::setMonospaceColumns(const QList<int> &columns)
{
    m_monospace = columns;
}

QString RowTableModel::rowText(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const Row &r = m_rows.at(row);
    if (!r.line.isEmpty())
        return r.line;
    QStringList cells;
    for (const QString &c : r.cells) {
        if (!c.isEmpty())
            cells << c;
    }
    return cells.join(QLatin1String("  "));
}

QString RowTableModel::allText() const
{
    QStringList lines;
    for (int row = 0; row < m_rows.size(); ++row)
        lines << rowText(row);
    return lines.join(QLatin1Char('\n'));
}

int RowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant RowTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return index.column() < r.cells.size() ? r.cells.at(index.column()) : QString();
    case Qt::ToolTipRole: {
        // As rich text, so that a long reason wraps in the tooltip instead of running off the screen.
        const QString text = r.toolTip.isEmpty() ? rowText(index.row()) : r.toolTip;
        return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(text.toHtmlEscaped());
    }
    case Qt::ForegroundRole:
        // Only the first column (the kind) is coloured: whole coloured rows are hard to read.
        if (index.column() == 0 && r.tone != Theme::Tone::Info)
            return Theme::toneText(r.tone, m_palette);
        break;
    case Qt::FontRole:
        if (m_monospace.contains(index.column()))
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        if (index.column() == 0 && r.tone != Theme::Tone::Info && r.tone != Theme::Tone::Muted) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant RowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
        && section < m_columns.size())
        return m_columns.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags RowTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

}  // namespace Rwb
