#include "workbench/headertablemodel.h"

#include <QFontDatabase>

#include <algorithm>

namespace Rwb {

HeaderTableModel::HeaderTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

HeaderTableModel::~HeaderTableModel() = default;

void HeaderTableModel::setHeaders(const HeaderList &headers, const QStringList &notes)
{
    beginResetModel();
    m_headers = headers;
    m_notes = notes;
    m_hasNotes = std::any_of(notes.cbegin(), notes.cend(), [](const QString &n) { return !n.isEmpty(); });
    endResetModel();
}

void HeaderTableModel::clear()
{
    setHeaders({});
}

QString HeaderTableModel::noteAt(int row) const
{
    return row < m_notes.size() ? m_notes.at(row) : QString();
}

QString HeaderTableModel::rowText(int row) const
{
    if (row < 0 || row >= m_headers.size())
        return {};
    const HeaderPair &h = m_headers.at(row);
    QString line = headerDisplayText(h.first) + QLatin1String(": ") + headerDisplayText(h.second);
    const QString note = noteAt(row);
    if (!note.isEmpty())
        line += QLatin1String("  [") + note + QLatin1Char(']');
    return line;
}

QString HeaderTableModel::allText() const
{
    QStringList lines;
    for (int row = 0; row < m_headers.size(); ++row)
        lines << rowText(row);
    return lines.join(QLatin1Char('\n'));
}

int HeaderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int HeaderTableModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_hasNotes ? 3 : 2;
}

QVariant HeaderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HeaderPair &h = m_headers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:  // lets views copy the cell as text
        switch (index.column()) {
        case NameColumn:
            return headerDisplayText(h.first);
        case ValueColumn:
            return headerDisplayText(h.second);
        case NoteColumn:
            return noteAt(index.row());
        }
        break;
    case Qt::ToolTipRole:
        // The table elides long values (cookies, CSP); the tooltip always has the whole line.
        if (index.column() == NoteColumn)
            return noteAt(index.row()).isEmpty() ? QVariant() : QVariant(noteAt(index.row()));
        return rowText(index.row());
    case Qt::FontRole:
        if (index.column() != NoteColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        break;
    default:
        break;
    }
    return {};
}

QVariant HeaderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case NoteColumn:
        return tr("Note");
    }
    return {};
}

Qt::ItemFlags HeaderTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

}  // namespace Rwb
