#include "workbench/expectationsmodel.h"

#include "core/check/casecheck.h"
#include "workbench/theme.h"

#include <QFont>

namespace Rwb {

ExpectationsModel::ExpectationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ExpectationsModel::~ExpectationsModel() = default;

void ExpectationsModel::setExpectations(const QList<Expectation> &expectations)
{
    beginResetModel();
    m_rows = expectations;
    m_results.clear();
    m_errors.clear();
    endResetModel();
}

void ExpectationsModel::setResults(const QList<ExpectationResult> &results)
{
    m_results = results.size() == m_rows.size() ? results : QList<ExpectationResult>();
    m_errors.clear();
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ResultColumn), index(int(m_rows.size()) - 1, ResultColumn));
}

void ExpectationsModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

QModelIndex ExpectationsModel::addExpectation(ExpectationKind kind)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(defaultExpectation(kind, m_trace ? &*m_trace : nullptr));
    endInsertRows();
    edited(row);
    return index(row, ValueColumn);
}

bool ExpectationsModel::removeExpectation(int row)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    edited(-1);
    return true;
}

// Any edit makes the last run's results stale: they are cleared rather than shown against a changed list.
void ExpectationsModel::edited(int row)
{
    const bool hadResults = !m_results.isEmpty();
    m_results.clear();
    if (row >= 0)
        m_errors.remove(row);
    if (hadResults && !m_rows.isEmpty())
        emit dataChanged(index(0, ResultColumn), index(int(m_rows.size()) - 1, ResultColumn));
    emit changed();
}

int ExpectationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ExpectationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExpectationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Expectation &e = m_rows.at(index.row());
    const ExpectationResult *result = m_results.isEmpty() ? nullptr : &m_results.at(index.row());
    const auto error = m_errors.constFind(index.row());
    if (role == KindRole)
        return int(e.kind);
    switch (index.column()) {
    case KindColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return role == Qt::EditRole ? QVariant(int(e.kind)) : QVariant(expectationKindTitle(e.kind));
        if (role == Qt::ToolTipRole)
            return describeExpectation(e);
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return expectationValueText(e);
        if (role == Qt::ToolTipRole)
            return describeExpectation(e);
        if (role == Qt::FontRole) {
            QFont f;
            f.setFamily(QStringLiteral("monospace"));
            f.setStyleHint(QFont::Monospace);
            return f;
        }
        break;
    case ResultColumn:
        if (role == Qt::DisplayRole) {
            if (error != m_errors.constEnd())
                return tr("✗ not taken: %1").arg(*error);
            if (!result)
                return tr("not run");
            return result->passed ? tr("✓ passed: %1").arg(result->seen) : tr("✗ %1").arg(result->message);
        }
        if (role == Qt::ToolTipRole)
            return error != m_errors.constEnd() ? *error : (result ? result->message : QString());
        if (role == Qt::ForegroundRole) {
            if (error != m_errors.constEnd() || (result && !result->passed))
                return Theme::toneText(Theme::Tone::Danger, m_palette);
            return Theme::toneText(result ? Theme::Tone::Good : Theme::Tone::Muted, m_palette);
        }
        break;
    default:
        break;
    }
    return {};
}

bool ExpectationsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    Expectation &e = m_rows[index.row()];
    if (index.column() == KindColumn) {
        const auto kind = ExpectationKind(value.toInt());
        if (!allExpectationKinds().contains(kind))
            return false;
        if (kind == e.kind)
            return true;
        e = defaultExpectation(kind, m_trace ? &*m_trace : nullptr);
        emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
        edited(index.row());
        return true;
    }
    if (index.column() != ValueColumn)
        return false;
    QString why;
    const std::optional<Expectation> parsed = parseExpectationValue(e.kind, value.toString(), &why);
    if (!parsed) {
        m_errors.insert(index.row(), why);
        emit dataChanged(this->index(index.row(), ResultColumn), this->index(index.row(), ResultColumn));
        return false;
    }
    if (*parsed == e) {
        m_errors.remove(index.row());
        return true;
    }
    e = *parsed;
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    edited(index.row());
    return true;
}

Qt::ItemFlags ExpectationsModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const Expectation &e = m_rows.at(index.row());
    const bool hasValue =
        e.kind != ExpectationKind::NoDowngrade && e.kind != ExpectationKind::NoCrossOriginAuthorization;
    if (index.column() == KindColumn || (index.column() == ValueColumn && hasValue))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ExpectationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn:
        return tr("Expect");
    case ValueColumn:
        return tr("Value");
    case ResultColumn:
        return tr("Last run");
    default:
        return {};
    }
}

}  // namespace Rwb
