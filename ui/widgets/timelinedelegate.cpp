#include "widgets/timelinedelegate.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace Rwb {

namespace {

using RowKind = TimelineModel::RowKind;

constexpr qreal kRadius = 5;
// Rows holding a search match: the amber of a browser's find highlight, legible on light and dark bases.
const QColor kSearchMark(0xE8, 0xA3, 0x17);

// The palette, colours and fonts a card is painted with.
struct Ink {
    QPalette pal;
    QColor text;
    QColor dim;  // secondary text: hop numbers, paths
    QFont bold;

    static Ink of(const QStyleOptionViewItem &option)
    {
        const QPalette &pal = option.palette;
        const QColor text = pal.color(QPalette::Text);
        return {pal, text, Theme::mix(pal.color(QPalette::Base), text, 0.6),
                TimelineLayout::boldFont(option.font)};
    }
};

void drawText(QPainter *p, const TimelineLayout::Text &text)
{
    p->drawText(text.rect, Qt::AlignVCenter | Qt::AlignLeft, text.text);
}

void drawPill(QPainter *p, const QRect &rect, const QColor &fill, const QString &text, const QFont &font,
              const QColor &textColour, bool dashed = false)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    if (dashed) {
        p->setPen(QPen(fill, 1.5, Qt::DashLine));
        p->setBrush(Qt::NoBrush);
    } else {
        p->setPen(Qt::NoPen);
        p->setBrush(fill);
    }
    p->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), rect.height() / 2.0, rect.height() / 2.0);
    p->setFont(font);
    p->setPen(dashed ? fill : textColour);
    p->drawText(rect, Qt::AlignCenter, text);
    p->restore();
}

// A badge or the origin mark: the tone's colours, the regular font.
void drawTonePill(QPainter *p, const TimelineLayout::Pill &pill, const QStyleOptionViewItem &option)
{
    drawPill(p, pill.rect, Theme::toneBackground(pill.tone, option.palette), pill.text, option.font,
             Theme::toneForeground(pill.tone, option.palette));
}

}  // namespace

TimelineDelegate::TimelineDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

int TimelineDelegate::cardHeight(const QFont &font)
{
    return TimelineLayout::cardHeight(font);
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics fm(option.font);
    // Wide enough for the fixed columns and a short path; the view stretches cards to its width.
    return {fm.horizontalAdvance(QLatin1Char('M')) * 24, cardHeight(option.font)};
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const Row row = Row::of(index);
    const TimelineLayout l = TimelineLayout::compute(row, option.rect, option.font);
    const QPalette &pal = option.palette;
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const bool pending = row.kind == RowKind::Pending;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor base = pal.color(QPalette::Base);
    QColor fill =
        row.synthetic ? Theme::mix(base, Theme::statusColor(Theme::StatusClass::Synthetic), 0.08) : base;
    if (selected)
        fill = Theme::mix(base, pal.color(QPalette::Highlight), 0.28);
    QPen border(selected ? pal.color(QPalette::Highlight) : Theme::mix(base, pal.color(QPalette::Text), 0.22),
                selected ? 2 : 1);
    if (pending && !selected)
        fill = Theme::mix(base, Theme::statusColor(Theme::StatusClass::Pending), 0.07);
    if (pending)
        border = QPen(Theme::statusColor(Theme::StatusClass::Pending), selected ? 2 : 1.5, Qt::DashLine);
    else if (row.synthetic && !selected)
        border.setStyle(Qt::DashLine);
    if (!row.differences.isEmpty()) {
        border = QPen(Theme::toneForeground(Theme::Tone::Warning, pal), 2.5);
        if (!selected)
            fill = Theme::mix(fill, Theme::toneBackground(Theme::Tone::Warning, pal), 0.45);
    }
    const bool searchMatch = index.data(TimelineModel::SearchMatchRole).toBool();
    if (searchMatch && !selected)
        fill = Theme::mix(fill, kSearchMark, 0.14);
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(l.card).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    if (searchMatch) {
        // A bar down the card's right padding, where nothing else is drawn.
        painter->setPen(Qt::NoPen);
        painter->setBrush(kSearchMark);
        painter->drawRoundedRect(QRectF(l.card.right() - 6, l.card.top() + 4, 4, l.card.height() - 8), 2, 2);
    }
    painter->restore();

    if (row.kind == RowKind::Hop)
        paintHop(painter, option, row, l);
    else if (pending)
        paintPending(painter, option, l);
    else
        paintOutcome(painter, option, row, l);

    if (!l.differsMark.rect.isNull()) {
        // Inverted: the tone's dark colour as the fill, so the mark reads from afar.
        drawPill(painter, l.differsMark.rect, Theme::toneForeground(l.differsMark.tone, pal),
                 l.differsMark.text, TimelineLayout::boldFont(option.font),
                 Theme::toneBackground(l.differsMark.tone, pal));
    }
}

void TimelineDelegate::paintHop(QPainter *p, const QStyleOptionViewItem &option, const Row &row,
                                const TimelineLayout &l) const
{
    const Ink ink = Ink::of(option);
    p->save();
    p->setFont(option.font);
    p->setPen(ink.dim);
    drawText(p, l.number);
    const Theme::StatusClass cls = Theme::statusClass(row.status, row.failed(), row.synthetic);
    drawPill(p, l.status.rect, Theme::statusColor(cls), l.status.text, ink.bold, Qt::white, row.synthetic);
    p->setPen(ink.text);
    if (!l.reason.rect.isNull())
        drawText(p, l.reason);
    paintTarget(p, option, l);

    // Line 2: the duration bar on the trace's common scale, the figure, the badges.
    p->setPen(Qt::NoPen);
    p->setBrush(Theme::mix(ink.pal.color(QPalette::Base), ink.text, 0.08));
    p->drawRect(l.barArea);
    QColor barColour = Theme::statusColor(cls);
    if (row.endMs <= 0)
        barColour.setAlpha(110);   // in flight
    if (!l.phaseBars.isEmpty()) {  // where the time went, as the relay measured it
        for (const TimelineLayout::PhaseBar &part : l.phaseBars) {
            p->setBrush(Theme::phaseColor(part.phase, ink.pal));
            p->drawRect(part.rect);
        }
    } else {
        p->setBrush(barColour);
        p->drawRect(l.bar);
        if (!l.barTail.isNull()) {
            p->setBrush(Theme::mix(barColour, ink.pal.color(QPalette::Base), 0.45));
            p->drawRect(l.barTail);
        }
    }
    p->setPen(ink.text);
    drawText(p, l.duration);
    if (!l.via.rect.isNull()) {
        // A refresh hop: its own kind of link to the page before, dashed like the pill's outline.
        const QColor refreshColour = Theme::refreshColor();
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(refreshColour, 2, Qt::DashLine, Qt::FlatCap));
        p->drawLine(l.connector);
        p->restore();
        drawPill(p, l.via.rect, refreshColour, l.via.text, option.font, refreshColour, true);
    }
    if (!l.pause.rect.isNull()) {
        // A pause is no span of time on the scale: a dashed outline in the secondary text colour.
        drawPill(p, l.pause.rect, ink.dim, l.pause.text, option.font, ink.dim, true);
    }
    for (const TimelineLayout::Pill &badge : l.badges)
        drawTonePill(p, badge, option);
    if (!l.error.rect.isNull()) {
        p->setPen(Theme::toneForeground(Theme::Tone::Danger, ink.pal));
        drawText(p, l.error);
    }
    p->restore();
}

void TimelineDelegate::paintTarget(QPainter *p, const QStyleOptionViewItem &option,
                                   const TimelineLayout &l) const
{
    const Ink ink = Ink::of(option);
    p->setFont(option.font);
    if (!l.previousMethod.rect.isNull()) {
        p->setPen(ink.dim);
        drawText(p, l.previousMethod);
        p->setPen(Theme::toneForeground(Theme::Tone::Warning, ink.pal));
    } else {
        p->setPen(ink.text);
    }
    p->setFont(ink.bold);
    drawText(p, l.method);
    p->setFont(option.font);
    if (!l.originMark.rect.isNull())
        drawTonePill(p, l.originMark, option);
    p->setFont(ink.bold);
    p->setPen(ink.text);
    drawText(p, l.host);
    p->setFont(option.font);
    p->setPen(ink.dim);
    if (!l.path.rect.isNull())
        drawText(p, l.path);
}

void TimelineDelegate::paintPending(QPainter *p, const QStyleOptionViewItem &option,
                                    const TimelineLayout &l) const
{
    const Ink ink = Ink::of(option);
    const QColor pendingColour = Theme::statusColor(Theme::StatusClass::Pending);
    p->save();
    p->setFont(option.font);
    p->setPen(ink.dim);
    drawText(p, l.number);
    // The pill and the column of the reason, as on a hop card, so that method and URL line up.
    drawPill(p, l.status.rect, pendingColour, l.status.text, ink.bold, Qt::white, true);
    if (!l.reason.rect.isNull()) {
        p->setFont(ink.bold);
        p->setPen(pendingColour);
        drawText(p, l.reason);
    }
    paintTarget(p, option, l);
    p->setFont(option.font);
    p->setPen(ink.text);
    drawText(p, l.message);
    p->restore();
}

void TimelineDelegate::paintOutcome(QPainter *p, const QStyleOptionViewItem &option, const Row &row,
                                    const TimelineLayout &l) const
{
    const QPalette &pal = option.palette;
    const bool ok = row.outcomeKind == OutcomeKind::Final;
    QColor stripe = ok ? Theme::statusColor(Theme::statusClass(row.status, false, false))
                       : Theme::statusColor(Theme::StatusClass::ServerError);
    if (row.outcomeKind == OutcomeKind::Stopped)
        stripe = Theme::statusColor(Theme::StatusClass::Pending);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(Qt::NoPen);
    p->setBrush(stripe);
    p->drawRoundedRect(QRectF(l.stripe), 3, 3);
    p->setFont(TimelineLayout::boldFont(option.font));
    p->setPen(stripe);
    drawText(p, l.label);
    p->setPen(pal.color(QPalette::Text));
    drawText(p, l.message);
    p->setFont(option.font);
    p->setPen(Theme::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.6));
    drawText(p, l.detail);
    p->restore();
}

PhaseLegend::PhaseLegend(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("phaseLegend"));
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setContentsMargins(6, 2, 6, 2);
    setToolTip(tr("Where each hop's time went, measured on the connection: queued in the client, the name's "
                  "lookup, the TCP connection, the TLS handshake, waiting for the first byte, receiving the "
                  "rest. A reused connection has no DNS, connect or TLS part."));
    updateText();
}

void PhaseLegend::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateText();
}

void PhaseLegend::updateText()
{
    QStringList parts;
    for (int i = 0; i < Theme::kPhaseCount; ++i) {
        const Theme::Phase phase = Theme::Phase(i);
        parts << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                     .arg(Theme::phaseColor(phase, palette()).name(),
                          Theme::phaseName(phase).toHtmlEscaped());
    }
    setText(parts.join(QStringLiteral(" &nbsp; ")));
}

bool TimelineDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                 const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const Row row = Row::of(index);
    const TimelineLayout l = TimelineLayout::compute(row, option.rect, option.font);
    if (const TimelineLayout::Pill *badge = l.badgeAt(event->pos()); badge && !badge->toolTip.isEmpty()) {
        QToolTip::showText(event->globalPos(), badge->toolTip, view);
        return true;
    }
    QString tip = index.data(Qt::ToolTipRole).toString();
    if (!l.phaseBars.isEmpty() && l.barArea.contains(event->pos())) {  // the bar: its parts, in figures
        QStringList parts;
        // In PhasesRole's order; the bar draws sending with waiting, the figures keep it apart.
        using Theme::Phase;
        const QString names[] = {Theme::phaseName(Phase::Queued),
                                 Theme::phaseName(Phase::Dns),
                                 Theme::phaseName(Phase::Connect),
                                 Theme::phaseName(Phase::Tls),
                                 tr("send"),
                                 Theme::phaseName(Phase::Waiting),
                                 Theme::phaseName(Phase::Receiving)};
        for (int i = 0; i < 7 && i < row.phases.size(); ++i) {
            if (row.phases.at(i) >= 0)
                parts << tr("%1 %2 ms").arg(names[i]).arg(row.phases.at(i), 0, 'f', 3);
        }
        QToolTip::showText(event->globalPos(), parts.join(QLatin1Char('\n')), view);
        return true;
    }
    if (!row.differences.isEmpty())
        tip = tr("Differs from the other profiles:") + QStringLiteral("\n• ")
              + row.differences.join(QStringLiteral("\n• ")) + QStringLiteral("\n\n") + tip;
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

}  // namespace Rwb
