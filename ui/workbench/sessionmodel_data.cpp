// What a view asks of the session tree: rows and parents, names, tooltips and roles, flags, renaming.
#include "private/sessionmodel_p.h"

namespace Rwb {

namespace {

QString casesText(int count)
{
    if (count == 0)
        return SessionModel::tr("no cases");
    if (count == 1)
        return SessionModel::tr("1 case");
    return SessionModel::tr("%1 cases").arg(count);
}

}  // namespace

QString SessionModel::toolTip(const Node *node) const
{
    if (node->folder) {
        return tr("%1: %2").arg(node->folderName, casesText(int(caseIndexes(indexOf(node)).size())));
    }
    const CaseRequest &request = node->testCase.request;
    QString text = request.method + QLatin1Char(' ') + (request.url.isEmpty() ? tr("(no URL)") : request.url);
    switch (node->runState) {
    case RunState::NotRun:
        break;
    case RunState::Running:
        text += QLatin1Char('\n') + tr("Running…");
        break;
    case RunState::Passed:
        text += QLatin1Char('\n') + tr("Passed");
        break;
    case RunState::Unchecked:
        text += QLatin1Char('\n')
                + tr("Ran to a final response; no expectations to check (add some in the "
                     "Expectations tab)");
        break;
    case RunState::Failed:
        text += QLatin1Char('\n') + tr("Failed:");
        for (const QString &failure : node->failures)
            text += QStringLiteral("\n• ") + failure;
        break;
    }
    return text;
}

QModelIndex SessionModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node *node = nodeAt(parent);
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex SessionModel::parent(const QModelIndex &child) const
{
    if (!isOurs(child, this))
        return {};
    return indexOf(nodeAt(child)->parent);
}

int SessionModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int SessionModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool SessionModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant SessionModel::data(const QModelIndex &index, int role) const
{
    if (!isOurs(index, this))
        return {};
    const Node *node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name();
    case Qt::ToolTipRole:
        return toolTip(node);
    case ItemTypeRole:
        return int(node->folder ? SessionItem::Type::Folder : SessionItem::Type::Case);
    case RunStateRole:
        return int(node->runState);
    case FailuresRole:
        return node->failures;
    case FolderPathRole: {
        QStringList names;
        for (const Node *n = node->folder ? node : node->parent; n && n->parent; n = n->parent)
            names.prepend(n->folderName);
        return names.join(QLatin1Char('/'));
    }
    default:
        return {};
    }
}

bool SessionModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!isOurs(index, this) || role != Qt::EditRole)
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty())
        return false;
    Node *node = nodeAt(index);
    if (name == node->name())
        return true;
    node->setName(name);
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    emit modified();
    return true;
}

Qt::ItemFlags SessionModel::flags(const QModelIndex &index) const
{
    if (!isOurs(index, this))
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags flags =
        Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsDragEnabled;
    flags |= nodeAt(index)->folder ? Qt::ItemIsDropEnabled : Qt::ItemNeverHasChildren;
    return flags;
}

// A table of each role's name, alike in every model (TimelineModel's too).
QHash<int, QByteArray> SessionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ItemTypeRole, "itemType");
    names.insert(RunStateRole, "runState");
    names.insert(FailuresRole, "failures");
    names.insert(FolderPathRole, "folderPath");
    return names;
}

}  // namespace Rwb
