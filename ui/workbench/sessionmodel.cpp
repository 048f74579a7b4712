// The session tree: turning a Session into nodes and back, and every edit of the tree (add, duplicate,
// remove, move, cases and run states). What views ask is in sessionmodel_data.cpp, drag and drop in
// sessionmodel_dragdrop.cpp.
#include "private/sessionmodel_p.h"

#include <algorithm>

namespace Rwb {

SessionModel::SessionModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->folder = true;
}

SessionModel::~SessionModel() = default;

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
    // A reopened session shows how each case's stored last trace fares against its expectations.
    for (const QModelIndex &index : caseIndexes()) {
        Node *node = nodeAt(index);
        if (node->testCase.lastTrace) {
            const CaseVerdict verdict = checkCase(node->testCase, *node->testCase.lastTrace);
            node->runState = runStateFor(node->testCase, verdict);
            node->failures = verdict.failures;
        }
    }
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

SessionModel::RunState SessionModel::runStateFor(const SessionCase &testCase, const CaseVerdict &verdict)
{
    switch (runVerdict(testCase, verdict)) {
    case CaseRun::Verdict::Failed:
        return RunState::Failed;
    case CaseRun::Verdict::Unchecked:
        return RunState::Unchecked;
    case CaseRun::Verdict::Passed:
        break;
    }
    return RunState::Passed;
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

}  // namespace Rwb
