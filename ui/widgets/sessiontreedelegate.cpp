#include "widgets/sessiontreedelegate.h"

#include "workbench/theme.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <QPixmap>
#include <QStyle>

namespace Rwb {

namespace {

using RunState = SessionModel::RunState;

// A run state as a 16-pixel circle: a small dot not run, a disc with a spinner's arc while running, a disc
// with a tick (passed) or a cross (failed).
QPixmap paintRunState(RunState state, const QColor &colour, const QColor &mark, qreal dpr)
{
    constexpr int kSize = 16;
    QPixmap pixmap(QSize(kSize, kSize) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF circle(1.75, 1.75, 12.5, 12.5);
    const QPointF centre = circle.center();
    switch (state) {
    case RunState::NotRun:
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(centre, 4.0, 4.0);
        break;
    case RunState::Running: {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(circle);
        painter.setPen(QPen(mark, 1.7, Qt::SolidLine, Qt::RoundCap));
        painter.setBrush(Qt::NoBrush);
        const QRectF arc(centre - QPointF(3.2, 3.2), QSizeF(6.4, 6.4));
        painter.drawArc(arc, 90 * 16, -270 * 16);  // from twelve o'clock, three quarters round
        break;
    }
    case RunState::Passed: {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(circle);
        QPainterPath tick;
        tick.moveTo(centre + QPointF(-3.0, 0.2));
        tick.lineTo(centre + QPointF(-0.9, 2.3));
        tick.lineTo(centre + QPointF(3.0, -1.8));
        painter.setPen(QPen(mark, 1.7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(tick);
        break;
    }
    case RunState::Unchecked:
        // A ring: it ran, but nothing was checked.
        painter.setPen(QPen(colour, 2.0));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(circle.adjusted(1.0, 1.0, -1.0, -1.0));
        break;
    case RunState::Failed:
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(circle);
        painter.setPen(QPen(mark, 1.7, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(centre + QPointF(-2.4, -2.4), centre + QPointF(2.4, 2.4));
        painter.drawLine(centre + QPointF(2.4, -2.4), centre + QPointF(-2.4, 2.4));
        break;
    }
    return pixmap;
}

}  // namespace

SessionTreeDelegate::SessionTreeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QIcon SessionTreeDelegate::runStateIcon(RunState state, const QPalette &palette)
{
    const bool dark = Theme::isDark(palette);
    QColor colour;
    switch (state) {
    case RunState::NotRun:
        colour = Theme::toneText(Theme::Tone::Muted, palette);
        break;
    case RunState::Running: {
        const QColor blue = Theme::statusColor(Theme::StatusClass::Redirect);
        colour = dark ? Theme::mix(blue, Qt::white, 0.35) : blue;
        break;
    }
    case RunState::Passed:
        colour = Theme::toneText(Theme::Tone::Good, palette);
        break;
    case RunState::Failed:
        colour = Theme::toneText(Theme::Tone::Danger, palette);
        break;
    case RunState::Unchecked:
        colour = Theme::toneText(Theme::Tone::Muted, palette);
        break;
    }
    // The tick and the cross are cut out in the background's colour.
    const QColor mark = palette.color(QPalette::Base);
    // The same pixmaps for a selected row: the style's selection tint would wash the colours out.
    QIcon icon;
    for (const qreal dpr : {1.0, 2.0}) {
        const QPixmap pixmap = paintRunState(state, colour, mark, dpr);
        icon.addPixmap(pixmap, QIcon::Normal);
        icon.addPixmap(pixmap, QIcon::Selected);
    }
    return icon;
}

QIcon SessionTreeDelegate::icon(const QModelIndex &index, const QPalette &palette, const QStyle *style) const
{
    if (!index.isValid())
        return {};
    if (index.data(SessionModel::ItemTypeRole).toInt() == int(SessionItem::Type::Folder))
        return style ? style->standardIcon(QStyle::SP_DirIcon) : QIcon();
    if (palette.cacheKey() != m_paletteKey) {
        m_paletteKey = palette.cacheKey();
        m_icons.clear();
    }
    const int state = index.data(SessionModel::RunStateRole).toInt();
    auto cached = m_icons.constFind(state);
    if (cached == m_icons.cend())
        cached = m_icons.insert(state, runStateIcon(RunState(state), palette));
    return *cached;
}

void SessionTreeDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The marks follow the view's own palette (the option's may be the inactive or disabled group).
    const QWidget *view = option->widget;
    const QIcon decoration =
        icon(index, view ? view->palette() : option->palette, view ? view->style() : QApplication::style());
    if (decoration.isNull())
        return;
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = decoration;
    // Never larger than the view's icon size, as for an icon from the model.
    QIcon::Mode mode = QIcon::Normal;
    if (!option->state.testFlag(QStyle::State_Enabled))
        mode = QIcon::Disabled;
    else if (option->state.testFlag(QStyle::State_Selected))
        mode = QIcon::Selected;
    const QIcon::State state = option->state.testFlag(QStyle::State_Open) ? QIcon::On : QIcon::Off;
    option->decorationSize =
        option->decorationSize.boundedTo(decoration.actualSize(option->decorationSize, mode, state));
}

}  // namespace Rwb
