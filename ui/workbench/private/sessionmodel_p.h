#pragma once

#include "workbench/sessionmodel.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <vector>

namespace Rwb {

// One row of SessionModel (a folder or a case) and the invisible root folder; shared by the model's three
// files.
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

// An index that belongs to `model` (the invalid index, the root, does not).
inline bool isOurs(const QModelIndex &index, const QAbstractItemModel *model)
{
    return index.isValid() && index.model() == model;
}

}  // namespace Rwb
