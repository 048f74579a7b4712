#include "workbench/sessionmodel.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

#include <algorithm>

namespace Rwb {

struct SessionModel::Node {
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;  // folders only
    bool folder = false;
    QString folderName;
    SessionCase testCase;  // cases only; its name is the row's name
    RunState runState = RunState::NotRun;
    QStringList failures;

    const QString &name() const { return folder ? folderName : testCase.name; }
    void setName(const QString &name)
    {
        if (folder)
            folderName = name;
        else
            testCase.name = name;
    }
    int row() const
    {
        if (!parent)
            return 0;
        const auto &siblings = parent->children;
        const auto it = std::find_if(siblings.begin(), siblings.end(),
                                     [this](const std::unique_ptr<Node> &n) { return n.get() == this; });
        return int(it - siblings.begin());
    }
    // True for the ancestor itself too.
    bool isInside(const Node *ancestor) const
    {
        for (const Node *n = this; n; n = n->parent) {
            if (n == ancestor)
                return true;
        }
        return false;
    }
    QList<int> rowPath() const
    {
        QList<int> rows;
        for (const Node *n = this; n->parent; n = n->parent)
            rows.prepend(n->row());
        return rows;
    }
};

namespace {

using RunState = SessionModel::RunState;

QString casesText(int count)
{
    if (count == 0)
        return SessionModel::tr("no cases");
    if (count == 1)
        return SessionModel::tr("1 case");
    return SessionModel::tr("%1 cases").arg(count);
}

constexpr auto kMimeType = "application/x-redirect-workbench-session-items";

}  // namespace

SessionModel::SessionModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->folder = true;
}

SessionModel::~SessionModel() = default;

QString SessionModel::mimeType()
{
    return QLatin1String(kMimeType);
}

std::unique_ptr<SessionModel::Node> SessionModel::nodeFromItem(const SessionItem &item, Node *parent)
{
    auto node = std::make_unique<Node>();
    node->parent = parent;
    node->folder = item.type == SessionItem::Type::Folder;
    if (node->folder) {
        node->folderName = item.name;
        node->children.reserve(size_t(item.children.size()));
        for (const SessionItem &child : item.children)
            node->children.push_back(nodeFromItem(child, node.get()));
    } else {
        node->testCase = item.testCase;
        if (node->testCase.name.isEmpty())
            node->testCase.name = item.name;
    }
    return node;
}

SessionItem SessionModel::itemFromNode(const Node &node)
{
    SessionItem item;
    if (node.folder) {
        item.type = SessionItem::Type::Folder;
        item.name = node.folderName;
        item.children.reserve(qsizetype(node.children.size()));
        for (const auto &child : node.children)
            item.children.append(itemFromNode(*child));
    } else {
        item.type = SessionItem::Type::Case;
        item.testCase = node.testCase;
    }
    return item;
}

std::unique_ptr<SessionModel::Node> SessionModel::copyOf(const Node &node, Node *parent)
{
    auto copy = std::make_unique<Node>();
    copy->parent = parent;
    copy->folder = node.folder;
    copy->folderName = node.folderName;
    copy->testCase = node.testCase;
    for (const auto &child : node.children)
        copy->children.push_back(copyOf(*child, copy.get()));
    return copy;
}

void SessionModel::setSession(const Session &session)
{
    beginResetModel();
    m_settings = session;
    m_settings.items.clear();
    m_root = std::make_unique<Node>();
    m_root->folder = true;
    m_root->children.reserve(size_t(session.items.size()));
    for (const SessionItem &item : session.items)
        m_root->children.push_back(nodeFromItem(item, m_root.get()));
    endResetModel();
    emit settingsChanged();
}

Session SessionModel::session() const
{
    Session result = m_settings;
    result.items.reserve(qsizetype(m_root->children.size()));
    for (const auto &child : m_root->children)
        result.items.append(itemFromNode(*child));
    return result;
}

void SessionModel::setSessionSettings(const Session &settings)
{
    m_settings.name = settings.name;
    m_settings.variables = settings.variables;
    m_settings.environments = settings.environments;
    emit settingsChanged();
    emit modified();
}

void SessionModel::setSandboxRules(const QList<SandboxRule> &rules)
{
    if (rules == m_settings.sandboxRules)
        return;
    m_settings.sandboxRules = rules;
    emit modified();
}

QStringList SessionModel::environmentNames() const
{
    QStringList names;
    for (const Environment &environment : m_settings.environments)
        names.append(environment.name);
    return names;
}

SessionModel::Node *SessionModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return m_root.get();
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex SessionModel::indexOf(const Node *node) const
{
    if (!node || !node->parent)
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

static bool isOurs(const QModelIndex &index, const QAbstractItemModel *model)
{
    return index.isValid() && index.model() == model;
}

QModelIndex SessionModel::insertNode(const QModelIndex &parentOrSibling, std::unique_ptr<Node> node)
{
    Node *target = m_root.get();
    int row = int(target->children.size());
    if (isOurs(parentOrSibling, this)) {
        Node *at = nodeAt(parentOrSibling);
        if (at->folder) {
            target = at;
            row = int(at->children.size());
        } else {
            target = at->parent;
            row = at->row() + 1;
        }
    }
    beginInsertRows(indexOf(target), row, row);
    node->parent = target;
    target->children.insert(target->children.begin() + row, std::move(node));
    endInsertRows();
    emit modified();
    return index(row, 0, indexOf(target));
}

QModelIndex SessionModel::addFolder(const QModelIndex &parentOrSibling, const QString &name)
{
    if (name.trimmed().isEmpty())
        return {};
    auto node = std::make_unique<Node>();
    node->folder = true;
    node->folderName = name.trimmed();
    return insertNode(parentOrSibling, std::move(node));
}

QModelIndex SessionModel::addCase(const QModelIndex &parentOrSibling, const SessionCase &testCase)
{
    if (testCase.name.trimmed().isEmpty())
        return {};
    auto node = std::make_unique<Node>();
    node->testCase = testCase;
    node->testCase.name = testCase.name.trimmed();
    return insertNode(parentOrSibling, std::move(node));
}

QModelIndex SessionModel::duplicate(const QModelIndex &index)
{
    if (!isOurs(index, this))
        return {};
    const Node *original = nodeAt(index);
    std::unique_ptr<Node> copy = copyOf(*original, nullptr);
    copy->setName(tr("%1 (copy)").arg(original->name()));
    Node *parent = original->parent;
    const int row = original->row() + 1;
    beginInsertRows(indexOf(parent), row, row);
    copy->parent = parent;
    parent->children.insert(parent->children.begin() + row, std::move(copy));
    endInsertRows();
    emit modified();
    return this->index(row, 0, indexOf(parent));
}

bool SessionModel::remove(const QModelIndex &index)
{
    if (!isOurs(index, this))
        return false;
    Node *node = nodeAt(index);
    Node *parent = node->parent;
    const int row = node->row();
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
    emit modified();
    return true;
}

bool SessionModel::moveWithin(const QModelIndex &index, int delta)
{
    if (!isOurs(index, this))
        return false;
    Node *node = nodeAt(index);
    Node *parent = node->parent;
    const int row = node->row();
    const int to = row + delta;
    if (to < 0 || to >= int(parent->children.size()))
        return false;
    const QModelIndex parentIndex = indexOf(parent);
    // beginMoveRows counts the destination before the move: one further down when moving down.
    if (!beginMoveRows(parentIndex, row, row, parentIndex, delta > 0 ? to + 1 : to))
        return false;
    std::swap(parent->children[size_t(row)], parent->children[size_t(to)]);
    endMoveRows();
    emit modified();
    return true;
}

bool SessionModel::moveUp(const QModelIndex &index)
{
    return moveWithin(index, -1);
}

bool SessionModel::moveDown(const QModelIndex &index)
{
    return moveWithin(index, +1);
}

bool SessionModel::canMoveInto(const QList<Node *> &nodes, const Node *target) const
{
    if (!target || !target->folder || nodes.isEmpty())
        return false;
    return std::none_of(nodes.begin(), nodes.end(), [target](const Node *n) { return target->isInside(n); });
}

bool SessionModel::moveNodes(const QList<Node *> &nodes, Node *target, int row)
{
    if (!canMoveInto(nodes, target))
        return false;
    int insertAt = row < 0 || row > int(target->children.size()) ? int(target->children.size()) : row;
    const QModelIndex targetIndex = indexOf(target);
    bool moved = false;
    for (Node *node : nodes) {
        Node *from = node->parent;
        const int fromRow = node->row();
        if (from == target && (insertAt == fromRow || insertAt == fromRow + 1)) {
            insertAt = fromRow + 1;  // already in place; the next one goes after it
            continue;
        }
        if (!beginMoveRows(indexOf(from), fromRow, fromRow, targetIndex, insertAt))
            return moved;
        std::unique_ptr<Node> taken = std::move(from->children[size_t(fromRow)]);
        from->children.erase(from->children.begin() + fromRow);
        // insertAt counted the rows before the move: one less when the node came from above it.
        const int toRow = from == target && fromRow < insertAt ? insertAt - 1 : insertAt;
        taken->parent = target;
        target->children.insert(target->children.begin() + toRow, std::move(taken));
        endMoveRows();
        insertAt = toRow + 1;
        moved = true;
    }
    if (moved)
        emit modified();
    return moved;
}

bool SessionModel::moveItems(const QList<QModelIndex> &indexes, const QModelIndex &parent, int row)
{
    QList<Node *> nodes;
    for (const QModelIndex &index : indexes) {
        if (isOurs(index, this) && index.column() == 0)
            nodes.append(nodeAt(index));
    }
    // Tree order, each once, and nothing that moves with a folder that is moved too.
    std::sort(nodes.begin(), nodes.end(),
              [](const Node *a, const Node *b) { return a->rowPath() < b->rowPath(); });
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    QList<Node *> tops;
    for (Node *node : nodes) {
        const bool inMovedFolder = std::any_of(tops.begin(), tops.end(), [node](const Node *top) {
            return node->parent && node->parent->isInside(top);
        });
        if (!inMovedFolder)
            tops.append(node);
    }
    Node *target = parent.isValid() ? (isOurs(parent, this) ? nodeAt(parent) : nullptr) : m_root.get();
    return moveNodes(tops, target, row);
}

bool SessionModel::isFolder(const QModelIndex &index) const
{
    return isOurs(index, this) && nodeAt(index)->folder;
}

bool SessionModel::isCase(const QModelIndex &index) const
{
    return isOurs(index, this) && !nodeAt(index)->folder;
}

SessionCase SessionModel::caseAt(const QModelIndex &index) const
{
    if (!isCase(index))
        return {};
    return nodeAt(index)->testCase;
}

void SessionModel::setCase(const QModelIndex &index, const SessionCase &testCase)
{
    if (!isCase(index))
        return;
    Node *node = nodeAt(index);
    const QString name = testCase.name.trimmed().isEmpty() ? node->testCase.name : testCase.name.trimmed();
    node->testCase = testCase;
    node->testCase.name = name;
    emit dataChanged(index, index);
    emit modified();
}

void SessionModel::setRunState(const QModelIndex &index, RunState state, const QStringList &failures)
{
    if (!isCase(index))
        return;
    Node *node = nodeAt(index);
    if (node->runState == state && node->failures == failures)
        return;
    node->runState = state;
    node->failures = failures;
    emit dataChanged(index, index, {Qt::ToolTipRole, RunStateRole, FailuresRole});
}

void SessionModel::clearRunStates()
{
    std::vector<Node *> pending{m_root.get()};
    while (!pending.empty()) {
        Node *node = pending.back();
        pending.pop_back();
        node->runState = RunState::NotRun;
        node->failures.clear();
        for (const auto &child : node->children)
            pending.push_back(child.get());
    }
    emitDataChangedEverywhere(m_root.get(), {Qt::ToolTipRole, RunStateRole, FailuresRole});
}

SessionModel::RunState SessionModel::runState(const QModelIndex &index) const
{
    return isCase(index) ? nodeAt(index)->runState : RunState::NotRun;
}

QModelIndex SessionModel::indexForPath(const QString &folderPath, const QString &caseName) const
{
    const Node *folder = m_root.get();
    const QStringList names = folderPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &name : names) {
        const auto it = std::find_if(
            folder->children.begin(), folder->children.end(),
            [&name](const std::unique_ptr<Node> &n) { return n->folder && n->folderName == name; });
        if (it == folder->children.end())
            return {};
        folder = it->get();
    }
    if (caseName.isEmpty())
        return indexOf(folder);
    for (const auto &child : folder->children) {
        if (!child->folder && child->testCase.name == caseName)
            return indexOf(child.get());
    }
    return {};
}

QList<int> SessionModel::rowPath(const QModelIndex &index) const
{
    if (!isOurs(index, this))
        return {};
    return nodeAt(index)->rowPath();
}

QModelIndex SessionModel::indexForRowPath(const QList<int> &rows) const
{
    const Node *node = m_root.get();
    for (const int row : rows) {
        if (row < 0 || row >= int(node->children.size()))
            return {};
        node = node->children[size_t(row)].get();
    }
    return indexOf(node);
}

QList<QModelIndex> SessionModel::caseIndexes(const QModelIndex &under) const
{
    QList<QModelIndex> result;
    const Node *start = under.isValid() ? (isOurs(under, this) ? nodeAt(under) : nullptr) : m_root.get();
    if (!start)
        return result;
    // Depth first, children in order: the order the tree shows them.
    std::vector<const Node *> pending{start};
    while (!pending.empty()) {
        const Node *node = pending.back();
        pending.pop_back();
        if (!node->folder) {
            result.append(indexOf(node));
            continue;
        }
        for (auto it = node->children.rbegin(); it != node->children.rend(); ++it)
            pending.push_back(it->get());
    }
    return result;
}

void SessionModel::emitDataChangedEverywhere(const Node *parent, const QList<int> &roles)
{
    if (parent->children.empty())
        return;
    const QModelIndex parentIndex = indexOf(parent);
    emit dataChanged(index(0, 0, parentIndex), index(int(parent->children.size()) - 1, 0, parentIndex),
                     roles);
    for (const auto &child : parent->children) {
        if (child->folder)
            emitDataChangedEverywhere(child.get(), roles);
    }
}

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

QHash<int, QByteArray> SessionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ItemTypeRole, "itemType");
    names.insert(RunStateRole, "runState");
    names.insert(FailuresRole, "failures");
    names.insert(FolderPathRole, "folderPath");
    return names;
}

QStringList SessionModel::mimeTypes() const
{
    return {mimeType()};
}

// The payload names this process and this model, so a drop from another window's (or program's) tree
// is refused instead of moving whatever sits at the same rows here.
QMimeData *SessionModel::mimeData(const QModelIndexList &indexes) const
{
    QList<QList<int>> paths;
    for (const QModelIndex &index : indexes) {
        if (isOurs(index, this) && index.column() == 0 && !paths.contains(rowPath(index)))
            paths.append(rowPath(index));
    }
    if (paths.isEmpty())
        return nullptr;
    std::sort(paths.begin(), paths.end());
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream << qint64(QCoreApplication::applicationPid()) << quint64(reinterpret_cast<quintptr>(this))
           << paths;
    auto *data = new QMimeData;
    data->setData(mimeType(), bytes);
    return data;
}

QList<SessionModel::Node *> SessionModel::decodeDrag(const QMimeData *data) const
{
    if (!data || !data->hasFormat(mimeType()))
        return {};
    QDataStream stream(data->data(mimeType()));
    qint64 pid = 0;
    quint64 model = 0;
    QList<QList<int>> paths;
    stream >> pid >> model >> paths;
    if (stream.status() != QDataStream::Ok || pid != QCoreApplication::applicationPid()
        || model != quint64(reinterpret_cast<quintptr>(this))) {
        return {};
    }
    QList<Node *> nodes;
    for (const QList<int> &path : paths) {
        const QModelIndex index = indexForRowPath(path);
        if (!index.isValid())
            return {};  // the tree changed under the drag
        nodes.append(nodeAt(index));
    }
    return nodes;
}

Qt::DropActions SessionModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions SessionModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

bool SessionModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent) const
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    if (action != Qt::MoveAction)
        return false;
    const Node *target = parent.isValid() ? (isOurs(parent, this) ? nodeAt(parent) : nullptr) : m_root.get();
    return canMoveInto(decodeDrag(data), target);
}

// The move is done here, with beginMoveRows()/endMoveRows(), so views keep their selection and expanded
// folders, and then false is returned on purpose. A view (QAbstractItemView::startDrag) that sees its drag
// end in a MoveAction "finishes" the move by removing the selected rows from the source; as the selection
// has moved with the rows, that would delete what was just moved, or do nothing only as long as
// removeRows() stays unimplemented. Reporting the drop as not handled makes the drag end without an
// action, so no view removes anything, whatever the model implements later. The alternative, reporting
// success and handing the work to moveRows(), only helps QListView (the one view that calls moveRows() on
// a drop), not QTreeView.
bool SessionModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    Node *target = parent.isValid() ? nodeAt(parent) : m_root.get();
    QList<QModelIndex> indexes;
    for (const Node *node : decodeDrag(data))
        indexes.append(indexOf(node));
    moveItems(indexes, indexOf(target), row);
    return false;
}

}  // namespace Rwb
