#pragma once

#include "workbench/sessionmodel.h"

#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>

namespace Rwb {

// Draws the session tree's rows as the style does, with the icon SessionModel's roles call for: the
// style's folder icon for a folder, a case's run state as a mark in the view's palette (a small grey dot
// not run, a disc with a spinner's arc while running, with a tick when passed, a cross when failed: the
// state reads without the colour too). The model itself has no icons.
class SessionTreeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTreeDelegate)

public:
    explicit SessionTreeDelegate(QObject *parent = nullptr);

    // The icon of a row, for a view in `palette` and `style`; null for an invalid index.
    QIcon icon(const QModelIndex &index, const QPalette &palette, const QStyle *style) const;
    // A run state's mark in a palette's colours, 16 pixels (and 32 for high-DPI screens).
    static QIcon runStateIcon(SessionModel::RunState state, const QPalette &palette);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    mutable qint64 m_paletteKey = 0;
    mutable QHash<int, QIcon> m_icons;  // by RunState, for the palette of m_paletteKey
};

}  // namespace Rwb
