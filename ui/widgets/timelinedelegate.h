#pragma once

#include "workbench/timelinelayout.h"

#include <QLabel>
#include <QStyledItemDelegate>

namespace Rwb {

// The key to the duration bars' colours, one swatch a part, below the timeline. Follows the palette.
class PhaseLegend final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PhaseLegend)

public:
    explicit PhaseLegend(QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateText();
};

// Paints a timeline row as a card: status pill and reason, method (with its change), host and path with
// a mark where the origin changes, a duration bar on the trace's common time scale, and note badges; or
// the outcome card. Everything is read through TimelineModel's roles, so a proxy model may sit between;
// where things go is TimelineLayout's. Every row has the same height, so views can use uniform item sizes.
class TimelineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineDelegate)

public:
    explicit TimelineDelegate(QObject *parent = nullptr);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The card's height for a font: two text lines and padding.
    static int cardHeight(const QFont &font);

private:
    using Row = TimelineLayout::Row;
    void paintHop(QPainter *painter, const QStyleOptionViewItem &option, const Row &row,
                  const TimelineLayout &layout) const;
    void paintOutcome(QPainter *painter, const QStyleOptionViewItem &option, const Row &row,
                      const TimelineLayout &layout) const;
    void paintPending(QPainter *painter, const QStyleOptionViewItem &option,
                      const TimelineLayout &layout) const;
    // Line 1 after the reason: the method (with the change from the previous hop), the origin mark, host
    // and path.
    void paintTarget(QPainter *painter, const QStyleOptionViewItem &option,
                     const TimelineLayout &layout) const;
};

}  // namespace Rwb
