#include "workbench/timelinelayout.h"

#include "workbench/hopsections.h"

#include <QFontMetrics>

namespace Rwb {

namespace {

using RowKind = TimelineModel::RowKind;

constexpr int kMargin = 3;      // between cards
constexpr int kPadding = 8;     // inside a card
constexpr int kGap = 8;         // between fields
constexpr int kPillExtra = 14;  // a pill's width beyond its text
constexpr int kBadgeGap = 4;    // between badges

QString durationText(double ms)
{
    if (ms < 10)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
    if (ms < 10000)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
    return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
}

}  // namespace

TimelineLayout::Row TimelineLayout::Row::of(const QModelIndex &index)
{
    Row row;
    const QVariant kind = index.data(TimelineModel::RowKindRole);
    if (!kind.isValid())
        return row;
    row.kind = RowKind(kind.toInt());
    row.hopIndex = index.data(TimelineModel::HopIndexRole).toInt();
    row.state = TimelineModel::HopState(index.data(TimelineModel::HopStateRole).toInt());
    row.status = index.data(TimelineModel::StatusRole).toInt();
    row.reason = index.data(TimelineModel::ReasonRole).toString();
    row.errorCode = index.data(TimelineModel::ErrorCodeRole).toString();
    row.errorMessage = index.data(TimelineModel::ErrorRole).toString();
    row.synthetic = index.data(TimelineModel::SyntheticRole).toBool();
    row.via = hopViaFromName(index.data(TimelineModel::ViaRole).toString()).value_or(HopVia::Request);
    const QVariant delay = index.data(TimelineModel::RefreshDelayRole);
    row.refreshDelayMs = delay.isValid() ? delay.toDouble() : -1;
    row.pausedMs = index.data(TimelineModel::PausedMsRole).toDouble();
    row.method = index.data(TimelineModel::MethodRole).toString();
    row.previousMethod = index.data(TimelineModel::PreviousMethodRole).toString();
    row.url = index.data(TimelineModel::UrlRole).toUrl();
    row.originChange = TimelineModel::OriginChange(index.data(TimelineModel::OriginChangeRole).toInt());
    row.startMs = index.data(TimelineModel::StartMsRole).toDouble();
    row.responseMs = index.data(TimelineModel::ResponseMsRole).toDouble();
    for (const QVariant &v : index.data(TimelineModel::PhasesRole).toList())
        row.phases.append(v.toDouble());
    row.endMs = index.data(TimelineModel::EndMsRole).toDouble();
    row.totalMs = index.data(TimelineModel::TotalMsRole).toDouble();
    row.badges = index.data(TimelineModel::BadgeListRole).value<QList<TimelineModel::Badge>>();
    row.differences = index.data(TimelineModel::DifferencesRole).toStringList();
    row.outcomeKind = outcomeKindFromName(index.data(TimelineModel::OutcomeKindRole).toString())
                          .value_or(OutcomeKind::Final);
    row.message = index.data(TimelineModel::OutcomeMessageRole).toString();
    return row;
}

int TimelineLayout::cardHeight(const QFont &font)
{
    const QFontMetrics fm(font);
    return 2 * (fm.height() + 6) + kPadding * 2 + 4 + 2 * kMargin;
}

QFont TimelineLayout::boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}

const TimelineLayout::Pill *TimelineLayout::badgeAt(const QPoint &pos) const
{
    if (!via.rect.isNull() && via.rect.contains(pos))
        return &via;
    if (!pause.rect.isNull() && pause.rect.contains(pos))
        return &pause;
    for (const Pill &badge : badges) {
        if (badge.rect.contains(pos))
            return &badge;
    }
    return nullptr;
}

TimelineLayout TimelineLayout::compute(const Row &row, const QRect &rect, const QFont &font)
{
    TimelineLayout l;
    const QFontMetrics fm(font);
    const QFontMetrics bfm(boldFont(font));
    l.card = rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QRect inner = l.card.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    // Both lines are as high as a pill, at the top and the bottom of the card.
    const int lineHeight = fm.height() + 6;
    l.line1 = QRect(inner.left(), inner.top(), inner.width(), lineHeight);
    l.line2 = QRect(inner.left(), inner.bottom() - lineHeight + 1, inner.width(), lineHeight);
    if (row.kind == RowKind::Outcome)
        l.placeOutcome(row, fm, bfm);
    else
        l.placeColumns(row, fm, bfm);
    return l;
}

namespace {

// The widths of the first line's columns (hop number, status pill, reason, method). They come from the
// font, never from the row, so that they line up across rows.
struct ColumnWidths {
    int indent;
    int pill;
    int reason;  // 0 on a compact card: no reason column
    int method;
};

ColumnWidths columnWidths(const QFontMetrics &fm, const QFontMetrics &bfm, bool compact)
{
    return {
        fm.horizontalAdvance(QStringLiteral("#0000")) + kGap,
        bfm.horizontalAdvance(QStringLiteral("000")) + 18,
        compact ? 0 : fm.horizontalAdvance(QStringLiteral("Moved Permanently ")),
        bfm.horizontalAdvance(compact ? QStringLiteral("POST → GET") : QStringLiteral("OPTIONS → DELETE"))};
}

}  // namespace

void TimelineLayout::placeColumns(const Row &row, const QFontMetrics &fm, const QFontMetrics &bfm)
{
    compact = card.width() < 60 * fm.horizontalAdvance(QLatin1Char('M'));
    const ColumnWidths widths = columnWidths(fm, bfm, compact);
    const int indent = widths.indent;
    const int pillWidth = widths.pill;
    const int reasonWidth = widths.reason;
    const int methodWidth = widths.method;
    const bool pending = row.kind == RowKind::Pending;
    const int top = line1.top();
    const int height = line1.height();

    int x = line1.left();
    number = {QRect(x, top, indent, height), QStringLiteral("#%1").arg(row.hopIndex)};
    x += indent;
    QString statusText;
    if (pending)
        statusText = tr("▶");
    else if (row.status > 0)
        statusText = QString::number(row.status);
    else
        statusText = row.failed() ? tr("ERR") : QStringLiteral("…");
    status = {QRect(x, top, pillWidth, height), statusText};
    x += pillWidth + kGap;
    if (reasonWidth > 0) {
        const QRect reasonRect(x, top, reasonWidth, height);
        if (pending) {
            reason = {reasonRect, bfm.elidedText(tr("next, not sent"), Qt::ElideRight, reasonWidth)};
        } else {
            QString text;
            if (row.state == TimelineModel::HopState::Answered)
                text = row.reason;
            else
                text = row.failed() ? row.errorCode : tr("sending…");
            if (row.synthetic)
                text += tr(" · HSTS, not sent");
            reason = {reasonRect, fm.elidedText(text, Qt::ElideRight, reasonWidth)};
        }
        x += reasonWidth + kGap;
    }
    placeTarget(row, x, methodWidth, fm, bfm);

    if (pending) {
        const int left = line2.left() + indent;
        const int width = line2.right() - left;
        message = {QRect(left, line2.top(), width, height),
                   fm.elidedText(row.message, Qt::ElideRight, width)};
        return;
    }
    int badgesRight = line2.right();
    if (!row.differences.isEmpty()) {
        const QString text = tr("≠ differs");
        const int w = bfm.horizontalAdvance(text) + kPillExtra;
        differsMark = {QRect(line2.right() - w + 1, line2.top(), w, height), text, Theme::Tone::Warning, {}};
        badgesRight = differsMark.rect.left() - kBadgeGap;
    }
    placeTiming(row, indent, fm);
    int badgesLeft = duration.rect.left() + duration.rect.width() + kGap;
    if (row.kind == RowKind::Hop && row.refresh()) {
        QString text = row.via == HopVia::MetaRefresh ? tr("↻ meta refresh") : tr("↻ refresh");
        if (row.refreshDelayMs >= 0)
            text += QLatin1Char(' ') + tr("%1 s").arg(row.refreshDelayMs / 1000.0);
        const int w = fm.horizontalAdvance(text) + kPillExtra;
        via = {
            QRect(badgesLeft, line2.top(), w, height), text, Theme::Tone::Info,
            row.via == HopVia::MetaRefresh
                ? tr("Reached by the previous page's <meta http-equiv=\"refresh\"> (HTML: shared declarative "
                     "refresh steps): a new navigation from that page")
                : tr("Reached by the previous response's Refresh header (HTML: shared declarative refresh "
                     "steps): a new navigation from that page")};
        badgesLeft += w + kBadgeGap;
        // From the top of the item (the gap under the card above) down the card's left padding.
        const int cx = card.left() + kPadding / 2;
        connector = QLine(cx, card.top() - kMargin, cx, line2.bottom());
    }
    if (row.kind == RowKind::Hop && row.pausedMs > 0) {
        // Words, not a pause sign: the fonts of many desktops have no glyph for U+23F8.
        const QString text = tr("paused %1").arg(pauseText(row.pausedMs));
        const int w =
            std::min(fm.horizontalAdvance(text) + kPillExtra, std::max(0, badgesRight - badgesLeft));
        if (w > kPillExtra) {
            pause = {QRect(badgesLeft, line2.top(), w, height), fm.elidedText(text, Qt::ElideRight, w - 8),
                     Theme::Tone::Info,
                     tr("Step-through: the trace stood paused %1 before this hop was sent. The pause is not "
                        "network time: it is left out of the durations, the time scale and the total.")
                         .arg(pauseText(row.pausedMs))};
            badgesLeft += w + kBadgeGap;
        }
    }
    placeBadges(row, badgesLeft, badgesRight, fm);
    if (row.failed()) {
        const int left = badges.isEmpty() ? duration.rect.left() + duration.rect.width() + kGap
                                          : badges.last().rect.right() + kGap;
        const int width = std::max(0, badgesRight - left);
        error = {QRect(left, line2.top(), width, height),
                 fm.elidedText(row.errorMessage, Qt::ElideRight, width)};
    }
}

void TimelineLayout::placeTarget(const Row &row, int x, int methodWidth, const QFontMetrics &fm,
                                 const QFontMetrics &bfm)
{
    const int top = line1.top();
    const int height = line1.height();
    // The method, after the one it changed from.
    QRect methodRect(x, top, methodWidth, height);
    if (!row.previousMethod.isEmpty()) {
        const QString from = row.previousMethod + QStringLiteral(" → ");
        previousMethod = {methodRect, from};
        methodRect.setLeft(methodRect.left() + fm.horizontalAdvance(from));
    }
    method = {methodRect, bfm.elidedText(row.method, Qt::ElideRight, methodRect.width())};
    x += methodWidth + kGap;

    // The origin mark, then host and path.
    if (row.originChange != TimelineModel::OriginChange::None) {
        QString mark;
        Theme::Tone tone = Theme::Tone::Warning;
        switch (row.originChange) {
        case TimelineModel::OriginChange::Downgrade:
            mark = compact ? tr("⚠ http") : tr("⚠ https→http");
            tone = Theme::Tone::Danger;
            break;
        case TimelineModel::OriginChange::Upgrade:
            mark = tr("↑ https");
            tone = Theme::Tone::Good;
            break;
        default:
            mark = compact ? tr("⇄") : tr("⇄ new origin");
            break;
        }
        const int w = fm.horizontalAdvance(mark) + kPillExtra;
        originMark = {QRect(x, top, w, height), mark, tone, {}};
        x += w + kGap;
    }
    const QUrl &url = row.url;
    const QString hostText = TimelineLayout::hostText(url);
    QString pathText = url.toDisplayString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    if (pathText.isEmpty())
        pathText = QStringLiteral("/");
    const int right = line1.right();
    host = {QRect(x, top, right - x, height),
            bfm.elidedText(hostText, Qt::ElideMiddle, std::max(0, right - x))};
    x += bfm.horizontalAdvance(host.text);
    if (x < right)
        path = {QRect(x, top, right - x, height), fm.elidedText(pathText, Qt::ElideMiddle, right - x)};
}

QString TimelineLayout::hostText(const QUrl &url)
{
    QString text = url.host();
    if (url.port() != -1)
        text += QLatin1Char(':') + QString::number(url.port());
    if (url.scheme() == QLatin1String("https"))
        text = QStringLiteral("https://") + text;
    return text;
}

int TimelineLayout::widthForHost(const QUrl &url, bool originMark, const QFont &font)
{
    // The same columns as placeColumns() for a compact card, then the host and a few characters of path.
    const QFontMetrics fm(font);
    const QFontMetrics bfm(boldFont(font));
    const ColumnWidths widths = columnWidths(fm, bfm, true);
    const int mark = originMark ? fm.horizontalAdvance(tr("⚠ http")) + kPillExtra + kGap : 0;
    const int inner = widths.indent + widths.pill + kGap + widths.method + kGap + mark
                      + bfm.horizontalAdvance(hostText(url)) + fm.horizontalAdvance(QStringLiteral("/…"));
    return inner + 2 * (kPadding + kMargin) + 2;
}

void TimelineLayout::placeTiming(const Row &row, int indent, const QFontMetrics &fm)
{
    // The waterfall takes 40% of the card (30% when narrow), then the figure.
    const int barWidth = std::max(40, (line2.width() - indent) * (compact ? 3 : 4) / 10);
    barArea = QRect(line2.left() + indent, line2.top() + 3, barWidth, line2.height() - 6);
    const double total = std::max(1.0, row.totalMs);
    const double end = row.endMs > 0 ? row.endMs : total;  // in flight: up to now, the end of the scale
    const auto xAt = [&](double ms) {
        return barArea.left() + int(ms / total * barArea.width());
    };
    const int x0 = xAt(row.startMs);
    const int x1 = xAt(end);
    bar = QRect(x0, barArea.top(), std::max(2, x1 - x0), barArea.height());
    if (row.state == TimelineModel::HopState::Answered && row.responseMs > row.startMs
        && row.responseMs < end) {
        // Waiting for the head, then the body: a lighter tail after the first byte.
        const int xr = xAt(row.responseMs);
        barTail = QRect(xr, barArea.top(), std::max(0, x1 - xr), barArea.height());
    }
    if (row.phases.size() == 7 && row.endMs > 0) {
        // blocked, dns, connect, tls, send, wait, receive: sending and waiting make one part (the request's
        // bytes leave in microseconds on a loopback, a part too thin to see).
        const QList<QPair<Theme::Phase, double>> parts{
            {Theme::Phase::Queued, row.phases.at(0)},
            {Theme::Phase::Dns, row.phases.at(1)},
            {Theme::Phase::Connect, row.phases.at(2)},
            {Theme::Phase::Tls, row.phases.at(3)},
            {Theme::Phase::Waiting, std::max(0.0, row.phases.at(4)) + std::max(0.0, row.phases.at(5))},
            {Theme::Phase::Receiving, row.phases.at(6)}};
        double at = row.startMs;
        for (const auto &[phase, ms] : parts) {
            if (ms <= 0)
                continue;
            const int from = xAt(at);
            at += ms;
            const int to = std::min(xAt(at), bar.right() + 1);
            if (to > from)
                phaseBars.append({QRect(from, barArea.top(), to - from, barArea.height()), phase});
        }
        if (phaseBars.isEmpty())  // all of it too short to see: one sliver
            phaseBars.append({bar, Theme::Phase::Waiting});
    }
    duration = {QRect(barArea.right() + kGap, line2.top(), fm.horizontalAdvance(QStringLiteral("00000 ms")),
                      line2.height()),
                row.endMs > 0 ? durationText(row.endMs - row.startMs) : tr("…")};
}

void TimelineLayout::placeBadges(const Row &row, int x, int right, const QFontMetrics &fm)
{
    const int top = line2.top();
    const int height = line2.height();
    const QList<TimelineModel::Badge> &all = row.badges;
    for (int i = 0; i < all.size(); ++i) {
        const TimelineModel::Badge &badge = all.at(i);
        const int w = fm.horizontalAdvance(badge.text) + kPillExtra;
        const bool last = i == all.size() - 1;
        const int moreWidth = last ? 0 : fm.horizontalAdvance(QStringLiteral("+99")) + kPillExtra + kBadgeGap;
        if (x + w + moreWidth > right) {
            // No room for this badge and a "+N" after it: the "+N" carries the rest in its tooltip (on a
            // card too narrow even for that, the card's tooltip lists the notes).
            const QString more = QStringLiteral("+%1").arg(all.size() - i);
            const int moreRect = fm.horizontalAdvance(more) + kPillExtra;
            if (x + moreRect - 1 > right)
                break;
            QStringList rest;
            for (int j = i; j < all.size(); ++j)
                rest.append(all.at(j).text + QStringLiteral(": ") + all.at(j).toolTip);
            badges.append(
                {QRect(x, top, moreRect, height), more, Theme::Tone::Info, rest.join(QLatin1Char('\n'))});
            break;
        }
        badges.append({QRect(x, top, w, height), badge.text, badge.tone, badge.toolTip});
        x += w + kBadgeGap;
    }
}

void TimelineLayout::placeOutcome(const Row &row, const QFontMetrics &fm, const QFontMetrics &bfm)
{
    stripe = QRect(card.left() + 1, card.top() + 1, 6, card.height() - 2);
    QString labelText;
    switch (row.outcomeKind) {
    case OutcomeKind::Final:
        labelText = tr("✔ Done");
        break;
    case OutcomeKind::TooManyRedirects:
        labelText = tr("✘ Too many redirects");
        break;
    case OutcomeKind::Loop:
        labelText = tr("✘ Loop");
        break;
    case OutcomeKind::BlockedScheme:
        labelText = tr("✘ Blocked");
        break;
    case OutcomeKind::InvalidLocation:
        labelText = tr("✘ Invalid Location");
        break;
    case OutcomeKind::NetworkError:
        labelText = tr("✘ Network error");
        break;
    case OutcomeKind::Timeout:
        labelText = tr("✘ Timeout");
        break;
    case OutcomeKind::TlsError:
        labelText = tr("✘ TLS error");
        break;
    case OutcomeKind::Stopped:
        labelText = tr("■ Stopped");
        break;
    }
    const int height = line1.height();
    const int left = line1.left() + 8;
    const int labelWidth = bfm.horizontalAdvance(labelText) + kGap * 2;
    label = {QRect(left, line1.top(), labelWidth, height), labelText};
    const int messageLeft = left + labelWidth;
    const int messageWidth = line1.right() - messageLeft;
    message = {QRect(messageLeft, line1.top(), messageWidth, height),
               bfm.elidedText(row.message, Qt::ElideRight, messageWidth)};
    const QString detailText =
        row.url.isEmpty() ? QString() : tr("last URL: %1").arg(row.url.toDisplayString());
    const int detailWidth = line2.right() - left;
    detail = {QRect(left, line2.top(), detailWidth, height),
              fm.elidedText(detailText, Qt::ElideMiddle, detailWidth)};
}

}  // namespace Rwb
