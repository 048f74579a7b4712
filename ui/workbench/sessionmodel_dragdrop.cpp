// Drag and drop inside one session tree: the MIME payload (this process, this model, the rows' paths) and
// the drop, which moves the rows itself.
#include "private/sessionmodel_p.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

#include <algorithm>

namespace Rwb {

namespace {

constexpr auto kMimeType = "application/x-redirect-workbench-session-items";

}  // namespace

QString SessionModel::mimeType()
{
    return QLatin1String(kMimeType);
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
