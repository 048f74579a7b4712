#include "widgets/timelinedelegate.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace Rwb {

namespace {

constexpr int kMargin = 3;   // between cards
constexpr int kPadding = 8;  // inside a card
constexpr int kGap = 8;      // between fields
constexpr qreal kRadius = 5;

QString durationText(double ms)
{
    if (ms < 10)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
    if (ms < 10000)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
    return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
}

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}

// The palette, colours and fonts a card is painted with.
struct Ink {
    QPalette pal;
    QColor text;
    QColor dim;  // secondary text: hop numbers, paths
    QFontMetrics fm;
    QFont bold;
    QFontMetrics bfm;

    static Ink of(const QStyleOptionViewItem &option)
    {
        const QPalette &pal = option.palette;
        const QColor text = pal.color(QPalette::Text);
        const QFont bold = boldFont(option.font);
        return {pal,
                text,
                Theme::mix(pal.color(QPalette::Base), text, 0.6),
                QFontMetrics(option.font),
                bold,
                QFontMetrics(bold)};
    }
};

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

}  // namespace

struct TimelineDelegate::Layout {
    QRect card;
    QRect line1;
    QRect line2;
    int pillHeight = 0;
    struct PlacedBadge {
        QRect rect;
        TimelineModel::Badge badge;
    };
    QList<PlacedBadge> badges;
    QRect barArea;
    bool compact = false;  // a narrow card (profiles side by side): no reason column, shorter marks
    int indent = 0;        // the hop number's column
    int pillWidth = 0;     // the status pill's
    int reasonWidth = 0;
    int methodWidth = 0;
    QRect differsMark;  // right end of line 2 when the row differs from other profiles
};

TimelineDelegate::TimelineDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

int TimelineDelegate::cardHeight(const QFont &font)
{
    const QFontMetrics fm(font);
    return 2 * (fm.height() + 6) + kPadding * 2 + 4 + 2 * kMargin;
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics fm(option.font);
    // Wide enough for the fixed columns and a short path; the view stretches cards to its width.
    return {fm.horizontalAdvance(QLatin1Char('M')) * 24, cardHeight(option.font)};
}

TimelineDelegate::Layout TimelineDelegate::layout(const QStyleOptionViewItem &option,
                                                  const QModelIndex &index) const
{
    Layout l;
    const QFontMetrics fm(option.font);
    l.card = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QRect inner = l.card.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    l.pillHeight = fm.height() + 6;
    l.line1 = QRect(inner.left(), inner.top(), inner.width(), l.pillHeight);
    l.line2 = QRect(inner.left(), inner.bottom() - l.pillHeight + 1, inner.width(), l.pillHeight);

    const auto *model = qobject_cast<const TimelineModel *>(index.model());
    const TimelineModel::RowKind kind = model ? model->rowKind(index.row()) : TimelineModel::RowKind::Outcome;
    if (kind == TimelineModel::RowKind::Outcome)
        return l;
    const QFontMetrics bfm(boldFont(option.font));
    l.indent = fm.horizontalAdvance(QStringLiteral("#0000")) + kGap;
    l.pillWidth = bfm.horizontalAdvance(QStringLiteral("000")) + 18;
    l.compact = l.card.width() < 60 * fm.horizontalAdvance(QLatin1Char('M'));
    l.reasonWidth = l.compact ? 0 : fm.horizontalAdvance(QStringLiteral("Moved Permanently "));
    l.methodWidth =
        bfm.horizontalAdvance(l.compact ? QStringLiteral("POST → GET") : QStringLiteral("OPTIONS → DELETE"));
    if (kind == TimelineModel::RowKind::Pending)
        return l;
    int badgesRight = l.line2.right();
    if (!index.data(TimelineModel::DifferencesRole).toStringList().isEmpty()) {
        const int w = bfm.horizontalAdvance(tr("≠ differs")) + 14;
        l.differsMark = QRect(l.line2.right() - w + 1, l.line2.top(), w, l.pillHeight);
        badgesRight = l.differsMark.left() - 4;
    }
    // Line 2: the waterfall takes 40% of the card (30% when narrow), then the figure, then the badges.
    const int barWidth = std::max(40, (l.line2.width() - l.indent) * (l.compact ? 3 : 4) / 10);
    l.barArea = QRect(l.line2.left() + l.indent, l.line2.top() + 3, barWidth, l.pillHeight - 6);
    int x = l.barArea.right() + kGap + fm.horizontalAdvance(QStringLiteral("00000 ms")) + kGap;
    const QFont small = option.font;
    const QFontMetrics sfm(small);
    const QList<TimelineModel::Badge> badges = model->badges(index.row());
    for (int i = 0; i < badges.size(); ++i) {
        const int w = sfm.horizontalAdvance(badges.at(i).text) + 14;
        const bool last = i == badges.size() - 1;
        const int moreWidth = last ? 0 : sfm.horizontalAdvance(QStringLiteral("+99")) + 14 + 4;
        if (x + w + moreWidth > badgesRight) {
            // No room for this badge and a "+N" after it: the "+N" carries the rest in its tooltip.
            QStringList rest;
            for (int j = i; j < badges.size(); ++j)
                rest.append(badges.at(j).text + QStringLiteral(": ") + badges.at(j).toolTip);
            const QString more = QStringLiteral("+%1").arg(badges.size() - i);
            l.badges.append({QRect(x, l.line2.top(), sfm.horizontalAdvance(more) + 14, l.pillHeight),
                             {more, Theme::Tone::Info, rest.join(QLatin1Char('\n'))}});
            break;
        }
        l.badges.append({QRect(x, l.line2.top(), w, l.pillHeight), badges.at(i)});
        x += w + 4;
    }
    return l;
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    const QPalette &pal = option.palette;
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const auto *model = qobject_cast<const TimelineModel *>(index.model());
    const TimelineModel::RowKind kind = model ? model->rowKind(index.row()) : TimelineModel::RowKind::Outcome;
    const bool pending = kind == TimelineModel::RowKind::Pending;
    const bool synthetic = index.data(TimelineModel::SyntheticRole).toBool();
    const QStringList differences = index.data(TimelineModel::DifferencesRole).toStringList();

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor base = pal.color(QPalette::Base);
    QColor fill =
        synthetic ? Theme::mix(base, Theme::statusColor(Theme::StatusClass::Synthetic), 0.08) : base;
    if (selected)
        fill = Theme::mix(base, pal.color(QPalette::Highlight), 0.28);
    QPen border(selected ? pal.color(QPalette::Highlight) : Theme::mix(base, pal.color(QPalette::Text), 0.22),
                selected ? 2 : 1);
    if (pending && !selected)
        fill = Theme::mix(base, Theme::statusColor(Theme::StatusClass::Pending), 0.07);
    if (pending)
        border = QPen(Theme::statusColor(Theme::StatusClass::Pending), selected ? 2 : 1.5, Qt::DashLine);
    else if (synthetic && !selected)
        border.setStyle(Qt::DashLine);
    if (!differences.isEmpty()) {
        border = QPen(Theme::toneForeground(Theme::Tone::Warning, pal), 2.5);
        if (!selected)
            fill = Theme::mix(fill, Theme::toneBackground(Theme::Tone::Warning, pal), 0.45);
    }
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(l.card).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    painter->restore();

    if (kind == TimelineModel::RowKind::Hop)
        paintHop(painter, option, index, l);
    else if (pending)
        paintPending(painter, option, index, l);
    else
        paintOutcome(painter, option, index, l);

    if (l.differsMark.isValid()) {
        const QPalette &p = option.palette;
        drawPill(painter, l.differsMark, Theme::toneForeground(Theme::Tone::Warning, p), tr("≠ differs"),
                 boldFont(option.font), Theme::toneBackground(Theme::Tone::Warning, p));
    }
}

void TimelineDelegate::paintHop(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index,
                                const Layout &l) const
{
    const auto *model = qobject_cast<const TimelineModel *>(index.model());
    const Hop *hop = model->hopAt(index.row());
    const auto [pal, text, dim, fm, bold, bfm] = Ink::of(option);

    p->save();
    p->setFont(option.font);
    int x = l.line1.left();
    p->setPen(dim);
    p->drawText(QRect(x, l.line1.top(), l.indent, l.pillHeight), Qt::AlignVCenter | Qt::AlignLeft,
                QStringLiteral("#%1").arg(hop->index));
    x += l.indent;

    // Status pill and reason.
    const bool failed = hop->error.has_value() && !hop->response;
    const int status = hop->response ? hop->response->status : 0;
    const Theme::StatusClass cls = Theme::statusClass(status, failed, hop->synthetic);
    QString pillText = status > 0 ? QString::number(status) : (failed ? tr("ERR") : QStringLiteral("…"));
    drawPill(p, QRect(x, l.line1.top(), l.pillWidth, l.pillHeight), Theme::statusColor(cls), pillText, bold,
             Qt::white, hop->synthetic);
    x += l.pillWidth + kGap;
    QString reason;
    if (hop->response)
        reason = QString::fromLatin1(hop->response->reason);
    else if (failed)
        reason = hop->error->code;
    else
        reason = tr("sending…");
    if (hop->synthetic)
        reason += tr(" · HSTS, not sent");
    p->setPen(text);
    if (l.reasonWidth > 0) {
        p->drawText(QRect(x, l.line1.top(), l.reasonWidth, l.pillHeight), Qt::AlignVCenter | Qt::AlignLeft,
                    fm.elidedText(reason, Qt::ElideRight, l.reasonWidth));
        x += l.reasonWidth + kGap;
    }

    paintTarget(p, option, index, l, x);

    // Line 2: the duration bar on the trace's common scale, the figure, the badges.
    const double total = std::max(1.0, index.data(TimelineModel::TotalMsRole).toDouble());
    const double end = hop->timing.endMs > 0 ? hop->timing.endMs : total;
    const QRect &bar = l.barArea;
    p->setPen(Qt::NoPen);
    p->setBrush(Theme::mix(pal.color(QPalette::Base), text, 0.08));
    p->drawRect(bar);
    const int x0 = bar.left() + int(hop->timing.startMs / total * bar.width());
    const int x1 = bar.left() + int(end / total * bar.width());
    QColor barColour = Theme::statusColor(cls);
    if (hop->timing.endMs <= 0)
        barColour.setAlpha(110);
    p->setBrush(barColour);
    p->drawRect(QRect(x0, bar.top(), std::max(2, x1 - x0), bar.height()));
    if (hop->response && hop->timing.responseMs > hop->timing.startMs && hop->timing.responseMs < end) {
        // Waiting for the head, then the body: a lighter tail after the first byte.
        const int xr = bar.left() + int(hop->timing.responseMs / total * bar.width());
        p->setBrush(Theme::mix(barColour, pal.color(QPalette::Base), 0.45));
        p->drawRect(QRect(xr, bar.top(), std::max(0, x1 - xr), bar.height()));
    }
    p->setPen(text);
    const QString duration =
        hop->timing.endMs > 0 ? durationText(hop->timing.endMs - hop->timing.startMs) : tr("…");
    p->drawText(QRect(bar.right() + kGap, l.line2.top(), fm.horizontalAdvance(QStringLiteral("00000 ms")),
                      l.pillHeight),
                Qt::AlignVCenter | Qt::AlignLeft, duration);
    for (const Layout::PlacedBadge &b : l.badges)
        drawPill(p, b.rect, Theme::toneBackground(b.badge.tone, pal), b.badge.text, option.font,
                 Theme::toneForeground(b.badge.tone, pal));
    if (failed) {
        const int ex = l.badges.isEmpty()
                           ? bar.right() + kGap + fm.horizontalAdvance(QStringLiteral("00000 ms")) + kGap
                           : l.badges.last().rect.right() + kGap;
        p->setPen(Theme::toneForeground(Theme::Tone::Danger, pal));
        p->drawText(QRect(ex, l.line2.top(), std::max(0, l.line2.right() - ex), l.pillHeight),
                    Qt::AlignVCenter | Qt::AlignLeft,
                    fm.elidedText(hop->error->message, Qt::ElideRight, std::max(0, l.line2.right() - ex)));
    }
    p->restore();
}

void TimelineDelegate::paintTarget(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index,
                                   const Layout &l, int x) const
{
    const auto [pal, text, dim, fm, bold, bfm] = Ink::of(option);
    const auto change = TimelineModel::OriginChange(index.data(TimelineModel::OriginChangeRole).toInt());
    // Method, with the change from the previous hop.
    const int methodWidth = l.methodWidth;
    const QString method = index.data(TimelineModel::MethodRole).toString();
    const QString previous = index.data(TimelineModel::PreviousMethodRole).toString();
    QRect methodRect(x, l.line1.top(), methodWidth, l.pillHeight);
    if (!previous.isEmpty()) {
        p->setPen(dim);
        const QString from = previous + QStringLiteral(" → ");
        p->drawText(methodRect, Qt::AlignVCenter | Qt::AlignLeft, from);
        methodRect.setLeft(methodRect.left() + fm.horizontalAdvance(from));
        p->setPen(Theme::toneForeground(Theme::Tone::Warning, pal));
    } else {
        p->setPen(text);
    }
    p->setFont(bold);
    p->drawText(methodRect, Qt::AlignVCenter | Qt::AlignLeft,
                bfm.elidedText(method, Qt::ElideRight, methodRect.width()));
    p->setFont(option.font);
    x += methodWidth + kGap;

    // Origin mark, then host and path.
    if (change != TimelineModel::OriginChange::None) {
        QString mark;
        Theme::Tone tone = Theme::Tone::Warning;
        switch (change) {
        case TimelineModel::OriginChange::Downgrade:
            mark = l.compact ? tr("⚠ http") : tr("⚠ https→http");
            tone = Theme::Tone::Danger;
            break;
        case TimelineModel::OriginChange::Upgrade:
            mark = tr("↑ https");
            tone = Theme::Tone::Good;
            break;
        default:
            mark = l.compact ? tr("⇄") : tr("⇄ new origin");
            break;
        }
        const int w = fm.horizontalAdvance(mark) + 14;
        drawPill(p, QRect(x, l.line1.top(), w, l.pillHeight), Theme::toneBackground(tone, pal), mark,
                 option.font, Theme::toneForeground(tone, pal));
        x += w + kGap;
    }
    const QUrl url = index.data(TimelineModel::UrlRole).toUrl();
    QString host = url.host();
    if (url.port() != -1)
        host += QLatin1Char(':') + QString::number(url.port());
    if (url.scheme() == QLatin1String("https"))
        host = QStringLiteral("https://") + host;
    QString path = url.toDisplayString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    if (path.isEmpty())
        path = QStringLiteral("/");
    const int right = l.line1.right();
    const QString hostText = bfm.elidedText(host, Qt::ElideMiddle, std::max(0, right - x));
    p->setFont(bold);
    p->setPen(text);
    p->drawText(QRect(x, l.line1.top(), right - x, l.pillHeight), Qt::AlignVCenter | Qt::AlignLeft, hostText);
    x += bfm.horizontalAdvance(hostText);
    p->setFont(option.font);
    p->setPen(dim);
    if (x < right)
        p->drawText(QRect(x, l.line1.top(), right - x, l.pillHeight), Qt::AlignVCenter | Qt::AlignLeft,
                    fm.elidedText(path, Qt::ElideMiddle, right - x));
}

void TimelineDelegate::paintPending(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index,
                                    const Layout &l) const
{
    const auto [pal, text, dim, fm, bold, bfm] = Ink::of(option);
    const QColor pendingColour = Theme::statusColor(Theme::StatusClass::Pending);
    p->save();
    int x = l.line1.left();
    p->setFont(option.font);
    p->setPen(dim);
    p->drawText(QRect(x, l.line1.top(), l.indent, l.pillHeight), Qt::AlignVCenter | Qt::AlignLeft,
                QStringLiteral("#%1").arg(index.data(TimelineModel::HopIndexRole).toInt()));
    x += l.indent;
    // The pill and the column of the reason, as on a hop card, so that method and URL line up.
    drawPill(p, QRect(x, l.line1.top(), l.pillWidth, l.pillHeight), pendingColour, tr("▶"), bold, Qt::white,
             true);
    x += l.pillWidth + kGap;
    if (l.reasonWidth > 0) {
        p->setFont(bold);
        p->setPen(pendingColour);
        p->drawText(QRect(x, l.line1.top(), l.reasonWidth, l.pillHeight), Qt::AlignVCenter | Qt::AlignLeft,
                    bfm.elidedText(tr("next, not sent"), Qt::ElideRight, l.reasonWidth));
        x += l.reasonWidth + kGap;
    }
    paintTarget(p, option, index, l, x);
    p->setFont(option.font);
    p->setPen(text);
    const int left = l.line2.left() + l.indent;
    p->drawText(QRect(left, l.line2.top(), l.line2.right() - left, l.pillHeight),
                Qt::AlignVCenter | Qt::AlignLeft,
                fm.elidedText(index.data(TimelineModel::OutcomeMessageRole).toString(), Qt::ElideRight,
                              l.line2.right() - left));
    p->restore();
}

void TimelineDelegate::paintOutcome(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index,
                                    const Layout &l) const
{
    const QPalette &pal = option.palette;
    const auto *model = qobject_cast<const TimelineModel *>(index.model());
    const Outcome &outcome = model->trace().outcome;
    const bool ok = outcome.kind == OutcomeKind::Final;
    QColor stripe = ok ? Theme::statusColor(Theme::statusClass(outcome.finalStatus, false, false))
                       : Theme::statusColor(Theme::StatusClass::ServerError);
    if (outcome.kind == OutcomeKind::Stopped)
        stripe = Theme::statusColor(Theme::StatusClass::Pending);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(Qt::NoPen);
    p->setBrush(stripe);
    p->drawRoundedRect(QRectF(l.card.left() + 1, l.card.top() + 1, 6, l.card.height() - 2), 3, 3);
    const QFont bold = boldFont(option.font);
    const QFontMetrics bfm(bold);
    const QFontMetrics fm(option.font);
    QString label;
    switch (outcome.kind) {
    case OutcomeKind::Final:
        label = tr("✔ Done");
        break;
    case OutcomeKind::TooManyRedirects:
        label = tr("✘ Too many redirects");
        break;
    case OutcomeKind::Loop:
        label = tr("✘ Loop");
        break;
    case OutcomeKind::BlockedScheme:
        label = tr("✘ Blocked");
        break;
    case OutcomeKind::InvalidLocation:
        label = tr("✘ Invalid Location");
        break;
    case OutcomeKind::NetworkError:
        label = tr("✘ Network error");
        break;
    case OutcomeKind::Timeout:
        label = tr("✘ Timeout");
        break;
    case OutcomeKind::TlsError:
        label = tr("✘ TLS error");
        break;
    case OutcomeKind::Stopped:
        label = tr("■ Stopped");
        break;
    }
    const int left = l.line1.left() + 8;
    p->setFont(bold);
    p->setPen(stripe);
    const int lw = bfm.horizontalAdvance(label) + kGap * 2;
    p->drawText(QRect(left, l.line1.top(), lw, l.pillHeight), Qt::AlignVCenter | Qt::AlignLeft, label);
    p->setPen(pal.color(QPalette::Text));
    const int mx = left + lw;
    p->drawText(QRect(mx, l.line1.top(), l.line1.right() - mx, l.pillHeight),
                Qt::AlignVCenter | Qt::AlignLeft,
                bfm.elidedText(outcome.message, Qt::ElideRight, l.line1.right() - mx));
    p->setFont(option.font);
    p->setPen(Theme::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.6));
    const QString detail =
        outcome.finalUrl.isEmpty() ? QString() : tr("last URL: %1").arg(outcome.finalUrl.toDisplayString());
    p->drawText(QRect(left, l.line2.top(), l.line2.right() - left, l.pillHeight),
                Qt::AlignVCenter | Qt::AlignLeft,
                fm.elidedText(detail, Qt::ElideMiddle, l.line2.right() - left));
    p->restore();
}

bool TimelineDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                 const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const Layout l = layout(option, index);
    for (const Layout::PlacedBadge &b : l.badges) {
        if (b.rect.contains(event->pos()) && !b.badge.toolTip.isEmpty()) {
            QToolTip::showText(event->globalPos(), b.badge.toolTip, view);
            return true;
        }
    }
    QString tip = index.data(Qt::ToolTipRole).toString();
    const QStringList differences = index.data(TimelineModel::DifferencesRole).toStringList();
    if (!differences.isEmpty())
        tip = tr("Differs from the other profiles:") + QStringLiteral("\n• ")
              + differences.join(QStringLiteral("\n• ")) + QStringLiteral("\n\n") + tip;
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

}  // namespace Rwb
