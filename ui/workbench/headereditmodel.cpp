#include "workbench/headereditmodel.h"

#include "core/http/tokens.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace Rwb {

namespace {

// Colours are picked against the current palette so that they stay readable on dark themes too.
QColor tint(int hue)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    return QColor::fromHsl(hue, dark ? 160 : 200, dark ? 170 : 80);
}

QString kindText(HeaderChange::Kind kind)
{
    switch (kind) {
    case HeaderChange::Kind::Kept:
        return HeaderEditModel::tr("kept");
    case HeaderChange::Kind::Added:
        return HeaderEditModel::tr("added");
    case HeaderChange::Kind::Removed:
        return HeaderEditModel::tr("removed");
    case HeaderChange::Kind::Changed:
        return HeaderEditModel::tr("changed");
    }
    return {};
}

// The reason without what the Change cell already says: "Authorization removed: the hop goes to another
// origin" reads "removed: the hop goes to another origin" there, not "removed: Authorization removed: ...".
QString reasonAfterKind(const HeaderChange &c)
{
    const QString echo = QStringLiteral("%1 %2: ").arg(QString::fromUtf8(c.name), kindText(c.kind));
    return c.reason.startsWith(echo, Qt::CaseInsensitive) ? c.reason.mid(echo.size()) : c.reason;
}

}  // namespace

HeaderEditModel::HeaderEditModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_nameTitle(tr("Name"))
    , m_valueTitle(tr("Value"))
{
}

HeaderEditModel::~HeaderEditModel() = default;

void HeaderEditModel::setColumnTitles(const QString &name, const QString &value)
{
    m_nameTitle = name;
    m_valueTitle = value;
    emit headerDataChanged(Qt::Horizontal, NameColumn, ValueColumn);
}

void HeaderEditModel::setChangeColumnVisible(bool visible)
{
    if (visible == m_showChange)
        return;
    if (visible) {
        beginInsertColumns({}, ChangeColumn, ChangeColumn);
        m_showChange = true;
        endInsertColumns();
    } else {
        beginRemoveColumns({}, ChangeColumn, ChangeColumn);
        m_showChange = false;
        endRemoveColumns();
    }
}

void HeaderEditModel::setHeaders(const HeaderList &headers, const QList<QByteArray> &suppressed)
{
    QList<Row> rows;
    for (const HeaderPair &h : headers)
        rows.append({true, h.first, h.second, std::nullopt});
    for (const QByteArray &name : suppressed)
        rows.append({true, name, QByteArray(), std::nullopt, true});
    setRows(rows);
}

HeaderList HeaderEditModel::headers() const
{
    HeaderList out;
    for (const Row &r : m_rows) {
        if (r.enabled && !r.suppress && !r.name.isEmpty())
            out.append({r.name, r.value});
    }
    return out;
}

QList<QByteArray> HeaderEditModel::suppressedNames() const
{
    QList<QByteArray> out;
    for (const Row &r : m_rows) {
        if (r.enabled && r.suppress && !r.name.isEmpty())
            out.append(r.name);
    }
    return out;
}

void HeaderEditModel::setChanges(const QList<HeaderChange> &changes)
{
    QList<Row> rows;
    for (const HeaderChange &c : changes) {
        const bool removed = c.kind == HeaderChange::Kind::Removed;
        rows.append({!removed, c.name, removed ? c.oldValue : c.newValue, c});
    }
    setRows(rows);
}

void HeaderEditModel::setRows(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int HeaderEditModel::appendRow(const QByteArray &name, const QByteArray &value, bool enabled)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({enabled, name, value, std::nullopt});
    endInsertRows();
    return row;
}

void HeaderEditModel::setRowEnabled(int row, bool enabled)
{
    setData(index(row, NameColumn), enabled ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

void HeaderEditModel::setRowSuppressed(int row, bool suppress)
{
    if (row < 0 || row >= int(m_rows.size()) || m_rows.at(row).suppress == suppress)
        return;
    m_rows[row].suppress = suppress;
    m_rows[row].value.clear();
    emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

QString HeaderEditModel::problem() const
{
    for (const Row &r : m_rows) {
        if (!r.enabled)
            continue;
        if (r.name.isEmpty() && !r.value.isEmpty())
            return tr("a row has a value but no name");
        if (!r.name.isEmpty() && !isToken(r.name))
            return tr("\"%1\" is not a valid name").arg(QString::fromUtf8(r.name));
        if (r.suppress && r.name.isEmpty())
            return tr("a row that leaves a header out has no name");
        if (hasFieldBreak(r.value))
            return tr("the value of %1 has a line break").arg(QString::fromUtf8(r.name));
    }
    return {};
}

int HeaderEditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

int HeaderEditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : (m_showChange ? 3 : 2);
}

QVariant HeaderEditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (isPlaceholderRow(index.row())) {
        // The empty row explains itself instead of looking like a forgotten blank line.
        if (role == Qt::DisplayRole && index.column() == NameColumn)
            return tr("(type to add)");
        if (role == Qt::ForegroundRole)
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        if (role == Qt::EditRole)
            return QString();
        return {};
    }
    const Row &r = m_rows.at(index.row());
    if (r.suppress && index.column() == ValueColumn) {
        // Said in the cell itself, so that a removal never reads as an empty value.
        if (role == Qt::DisplayRole)
            return tr("(not sent: the client's own %1 is left out)").arg(QString::fromUtf8(r.name));
        if (role == Qt::ToolTipRole)
            return tr("As curl's -H '%1:'. Type a value to send the header instead.")
                .arg(QString::fromUtf8(r.name));
        if (role == Qt::FontRole) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        if (role == Qt::ForegroundRole && r.enabled)
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (index.column() == NameColumn)
            return QString::fromUtf8(r.name);
        if (index.column() == ValueColumn)
            return QString::fromUtf8(r.value);
        return role == Qt::DisplayRole ? changeData(r, role) : QVariant();
    case Qt::CheckStateRole:
        return index.column() == NameColumn ? QVariant(r.enabled ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == ChangeColumn || (r.change && !r.change->reason.isEmpty()))
            return changeData(r, role);
        return index.column() == NameColumn ? tr("Untick to leave this row out of the request") : QVariant();
    case ChangeKindRole:
        if (!r.change && r.addedHere && !r.name.isEmpty())
            return int(HeaderChange::Kind::Added);
        return r.change ? QVariant(int(r.change->kind)) : QVariant();
    case ReasonRole:
        return r.change ? r.change->reason : QString();
    case EnabledRole:
        return r.enabled;
    case Qt::ForegroundRole:
    case Qt::FontRole:
        // The change column keeps its colour on an unticked row: why a header went is worth reading.
        if (index.column() == ChangeColumn)
            return role == Qt::ForegroundRole ? changeData(r, role) : QVariant();
        return rowStyle(r, role);
    default:
        return {};
    }
}

QVariant HeaderEditModel::changeData(const Row &r, int role) const
{
    if (!r.change && r.addedHere && !r.name.isEmpty()) {
        // Not from the diff of the previous hop's request: a header the user added to this one.
        switch (role) {
        case Qt::DisplayRole:
            return tr("added: by you");
        case Qt::ToolTipRole:
            return tr("You added this header; the profile did not compute it");
        case Qt::ForegroundRole:
            return tint(120);
        default:
            return {};
        }
    }
    if (!r.change)
        return {};
    const HeaderChange &c = *r.change;
    const bool edited =
        (c.kind == HeaderChange::Kind::Removed ? c.oldValue : c.newValue) != r.value || c.name != r.name;
    if (role == Qt::DisplayRole) {
        QString text = kindText(c.kind);
        if (edited)
            text += tr(", edited");
        return c.reason.isEmpty() ? text : tr("%1: %2").arg(text, reasonAfterKind(c));
    }
    if (role == Qt::ToolTipRole) {
        QString tip = c.reason.isEmpty() ? kindText(c.kind) : c.reason;
        if (c.kind == HeaderChange::Kind::Changed)
            tip += tr("\nWas: %1").arg(QString::fromUtf8(c.oldValue));
        if (c.kind == HeaderChange::Kind::Removed)
            tip += tr("\nTick the box to send it anyway.");
        return tip;
    }
    if (role == Qt::ForegroundRole) {
        switch (c.kind) {
        case HeaderChange::Kind::Kept:
            return QVariant();
        case HeaderChange::Kind::Added:
            return tint(120);
        case HeaderChange::Kind::Changed:
            return tint(35);
        case HeaderChange::Kind::Removed:
            return tint(0);
        }
    }
    return {};
}

QVariant HeaderEditModel::rowStyle(const Row &r, int role) const
{
    // A row left out of the request is greyed and struck out, so it reads as "not sent".
    if (r.enabled)
        return {};
    if (role == Qt::ForegroundRole)
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (role == Qt::FontRole) {
        QFont f;
        f.setStrikeOut(true);
        return f;
    }
    return {};
}

bool HeaderEditModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() == ChangeColumn)
        return false;
    const int row = index.row();
    if (role == Qt::CheckStateRole) {
        if (index.column() != NameColumn || isPlaceholderRow(row))
            return false;
        const bool on = value.value<Qt::CheckState>() == Qt::Checked;
        if (m_rows[row].enabled == on)
            return true;
        m_rows[row].enabled = on;
        emit dataChanged(this->index(row, 0), this->index(row, columnCount() - 1));
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    const QByteArray text = value.toString().toUtf8();
    if (isPlaceholderRow(row)) {
        if (text.isEmpty())
            return false;
        // The empty row becomes a real one; a fresh empty row appears after it.
        beginInsertRows({}, row + 1, row + 1);
        m_rows.append(Row());
        m_rows.last().addedHere = true;
        endInsertRows();
    }
    Row &r = m_rows[row];
    QByteArray &field = index.column() == NameColumn ? r.name : r.value;
    if (field == text)
        return true;
    field = index.column() == NameColumn ? text.trimmed() : text;
    if (index.column() == ValueColumn && !text.isEmpty())
        r.suppress = false;  // a value sends the header
    emit dataChanged(this->index(row, 0), this->index(row, columnCount() - 1));
    return true;
}

Qt::ItemFlags HeaderEditModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == ChangeColumn)
        return f;
    f |= Qt::ItemIsEditable;
    if (index.column() == NameColumn && !isPlaceholderRow(index.row()))
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant HeaderEditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return m_nameTitle;
    case ValueColumn:
        return m_valueTitle;
    case ChangeColumn:
        return tr("Change");
    default:
        return {};
    }
}

bool HeaderEditModel::insertRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || count < 1 || row < 0 || row > int(m_rows.size()))
        return false;
    beginInsertRows(parent, row, row + count - 1);
    Row added;
    added.addedHere = true;
    for (int i = 0; i < count; ++i)
        m_rows.insert(row, added);
    endInsertRows();
    return true;
}

bool HeaderEditModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || count < 1 || row < 0 || row + count > int(m_rows.size()))
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    return true;
}

}  // namespace Rwb
