#pragma once

#include "core/check/casecheck.h"
#include "core/session/session.h"

#include <QAbstractItemModel>

#include <memory>

namespace Rwb {

// The folders and cases of a session as a tree, one column. The model owns its own node tree (so the
// internal pointers of its indexes stay valid while rows move) and turns it back into a Session on demand.
// Names are edited in place. Run states are not part of the session; the model has no icons, the view
// (SessionTreeDelegate) draws the folder icon and the run-state mark from ItemTypeRole and RunStateRole.
//
// Rows are reordered and moved between folders by drag and drop inside one view (see dropMimeData()).
// Nothing in the model removes rows for a view: removeRows() is deliberately left at the base class's
// refusal, use remove().
class SessionModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionModel)

public:
    enum Roles {
        ItemTypeRole = Qt::UserRole + 1,  // int(SessionItem::Type)
        RunStateRole,                     // int(RunState)
        FailuresRole,                     // QStringList: why the last run failed
        FolderPathRole,  // QString: a case's folders ("Auth/Cross-origin", "" at the top); a folder's path
                         // including its own name
    };
    // Unchecked: the chain reached a final response, but the case has no expectations to pass.
    enum class RunState { NotRun, Running, Passed, Failed, Unchecked };
    Q_ENUM(RunState)

    // The MIME type of a drag inside the model: which model, and the dragged rows' paths from the root.
    static QString mimeType();

    explicit SessionModel(QObject *parent = nullptr);
    ~SessionModel() override;

    // A loaded session: one reset, each case's run state its last trace's verdict (NotRun without one).
    // Not a modification.
    void setSession(const Session &session);
    // The state a verdict on `testCase` shows, and the failures its tooltip lists.
    static RunState runStateFor(const SessionCase &testCase, const CaseVerdict &verdict);
    // The session as it is now: name, variables and environments as they were given, items from the tree.
    Session session() const;
    // Replaces name, variables and environments (the items of `settings` are ignored); emits
    // settingsChanged() and modified().
    void setSessionSettings(const Session &settings);
    QString sessionName() const { return m_settings.name; }
    // The session's own redirect sandbox rules; setting them is a modification.
    void setSandboxRules(const QList<SandboxRule> &rules);
    QList<SandboxRule> sandboxRules() const { return m_settings.sandboxRules; }
    QStringList environmentNames() const;

    // New rows go after `parentOrSibling` when it is a case, at the end of it when it is a folder, at the
    // end of the top level when it is invalid. The new row's index; invalid when `name` is empty.
    QModelIndex addFolder(const QModelIndex &parentOrSibling, const QString &name);
    QModelIndex addCase(const QModelIndex &parentOrSibling, const SessionCase &testCase);
    // A copy named "NAME (copy)" right after the original (a folder with everything in it).
    QModelIndex duplicate(const QModelIndex &index);
    bool remove(const QModelIndex &index);
    // One place up or down among its siblings; false at the edge.
    bool moveUp(const QModelIndex &index);
    bool moveDown(const QModelIndex &index);
    // Moves the items (a folder with its contents) to `row` of `parent` (-1: the end), in tree order.
    // Items inside another moved folder go with it. Refused (false, nothing moved) when `parent` is not a
    // folder or is one of the moved folders or inside one. True when anything moved.
    bool moveItems(const QList<QModelIndex> &indexes, const QModelIndex &parent, int row);

    bool isFolder(const QModelIndex &index) const;
    bool isCase(const QModelIndex &index) const;
    SessionCase caseAt(const QModelIndex &index) const;
    // Replaces a case (its name too, unless testCase.name is empty). The run state is kept.
    void setCase(const QModelIndex &index, const SessionCase &testCase);

    // Not saved and not a modification.
    void setRunState(const QModelIndex &index, RunState state, const QStringList &failures = {});
    void clearRunStates();
    RunState runState(const QModelIndex &index) const;

    // The folder at "A/B", or with a case name the first case of that name in that folder ("" = the top
    // level): how a run's results (CaseRef) find their rows. Invalid when there is none.
    QModelIndex indexForPath(const QString &folderPath, const QString &caseName = QString()) const;
    // Row numbers from the top, and back: a position that survives a reset (undo, selection restore).
    QList<int> rowPath(const QModelIndex &index) const;
    QModelIndex indexForRowPath(const QList<int> &rows) const;
    // The cases in tree order (the order Run all runs them): everything, or those in a folder, or the
    // case itself.
    QList<QModelIndex> caseIndexes(const QModelIndex &under = QModelIndex()) const;

    // QAbstractItemModel
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

signals:
    // Something that is saved changed through the model (structure, names, cases, settings).
    void modified();
    void settingsChanged();

private:
    struct Node;
    static std::unique_ptr<Node> nodeFromItem(const SessionItem &item, Node *parent);
    static SessionItem itemFromNode(const Node &node);
    static std::unique_ptr<Node> copyOf(const Node &node, Node *parent);

    Node *nodeAt(const QModelIndex &index) const;  // the root for an invalid index
    QModelIndex indexOf(const Node *node) const;   // invalid for the root
    QModelIndex insertNode(const QModelIndex &parentOrSibling, std::unique_ptr<Node> node);
    bool moveWithin(const QModelIndex &index, int delta);
    QList<Node *> decodeDrag(const QMimeData *data) const;
    bool canMoveInto(const QList<Node *> &nodes, const Node *target) const;
    bool moveNodes(const QList<Node *> &nodes, Node *target, int row);
    QString toolTip(const Node *node) const;
    void emitDataChangedEverywhere(const Node *parent, const QList<int> &roles);

    std::unique_ptr<Node> m_root;
    Session m_settings;  // name, variables, environments; items live in m_root
};

}  // namespace Rwb
