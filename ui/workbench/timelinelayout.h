#pragma once

#include "core/http/trace.h"
#include "workbench/theme.h"
#include "workbench/timelinemodel.h"

#include <QCoreApplication>
#include <QFont>
#include <QLine>
#include <QRect>

namespace Rwb {

// Where everything on one timeline card goes, and the texts as they fit there: computed from the row's
// data, the item's rectangle and the font, without painting. TimelineDelegate paints from it and hit-tests
// the badges' tooltips with it, so what is drawn and what answers the mouse cannot disagree.
//
// Hop and pending cards share the first line's columns (hop number, status pill, reason, method), so
// methods and URLs line up down the timeline; the outcome card has its own layout.
class TimelineLayout
{
    Q_DECLARE_TR_FUNCTIONS(TimelineLayout)

public:
    // What a card shows of its row, read from the model's roles (so any proxy in between is fine).
    struct Row {
        TimelineModel::RowKind kind = TimelineModel::RowKind::Outcome;
        int hopIndex = 0;
        TimelineModel::HopState state = TimelineModel::HopState::Sending;
        int status = 0;  // the outcome's final status on the outcome row
        QString reason;
        QString errorCode;
        QString errorMessage;
        bool synthetic = false;
        HopVia via = HopVia::Request;
        double refreshDelayMs = -1;  // a refresh hop's delay; -1 for other hops
        double pausedMs = 0;         // step-through: the pause before the hop was sent
        QString method;
        QString previousMethod;  // empty when the method did not change
        QUrl url;                // the outcome's last URL on the outcome row
        TimelineModel::OriginChange originChange = TimelineModel::OriginChange::None;
        double startMs = 0;
        double responseMs = 0;
        double endMs = 0;  // 0 while in flight
        double totalMs = 0;
        QList<double> phases;  // PhasesRole's; empty when not measured
        QList<TimelineModel::Badge> badges;
        QStringList differences;
        OutcomeKind outcomeKind = OutcomeKind::Final;
        QString message;  // the outcome's, or the pending row's hint

        static Row of(const QModelIndex &index);
        bool failed() const { return state == TimelineModel::HopState::Failed; }
        bool refresh() const { return via == HopVia::RefreshHeader || via == HopVia::MetaRefresh; }
    };
    // A text and the rectangle it is drawn in (and clipped to); a null rectangle when not shown.
    struct Text {
        QRect rect;
        QString text;
    };
    // A rounded label: a badge, the origin mark, the "differs" mark.
    struct Pill {
        QRect rect;
        QString text;
        Theme::Tone tone = Theme::Tone::Info;
        QString toolTip;
    };

    static TimelineLayout compute(const Row &row, const QRect &rect, const QFont &font);
    // The card's height for a font (every row has it): two text lines and padding.
    static int cardHeight(const QFont &font);
    // The font of the status pill, the method, the host and the outcome's label.
    static QFont boldFont(const QFont &font);
    // How a card names a URL's host: "host:port", with "https://" in front for https.
    static QString hostText(const QUrl &url);
    // The narrowest card (a compact one) that shows a hop to `url` with its host whole, beside a method
    // change (and an origin mark when `originMark`): what the side-by-side profiles need so that no host
    // is cut.
    static int widthForHost(const QUrl &url, bool originMark, const QFont &font);
    // The badge under a point (the "+N" one included), or null.
    const Pill *badgeAt(const QPoint &pos) const;

    QRect card;  // the item's rectangle less the margin between cards
    QRect line1;
    QRect line2;
    bool compact = false;  // a narrow card (profiles side by side): no reason column, shorter marks

    // Hop and pending cards, line 1.
    Text number;          // "#3"
    Text status;          // the status pill: "302", "ERR", "…"; "▶" on the pending card
    Text reason;          // elided; null when compact
    Text previousMethod;  // "POST → " in the method column, when the method changed
    Text method;          // elided to the rest of the method column
    Pill originMark;      // null when the origin stays
    Text host;            // "https://host:port", elided to the card (in the bold font)
    Text path;            // path and query, elided to what the host leaves; null when nothing is left

    // Hop cards, line 2.
    QRect barArea;  // the trace's common time scale
    QRect bar;      // this hop's span on it
    QRect barTail;  // the part after the response's head arrived; null when none
    // The bar split into where the time went, when the hop's phases were measured (then bar and barTail are
    // not drawn): each part with its phase, in order.
    struct PhaseBar {
        QRect rect;
        Theme::Phase phase;
    };
    QList<PhaseBar> phaseBars;
    Text duration;       // "12 ms", "…" in flight
    QList<Pill> badges;  // from the left; the last may be "+N", whose tooltip lists the rest
    Text error;          // a failed hop's error message after the badges
    // Refresh hops: how the hop was reached ("↻ refresh 0 s", "↻ meta refresh 1 s") before the badges,
    // and the connector from the card above (the refreshing page), drawn dashed down the card's left edge.
    Pill via;
    QLine connector;
    // Step-through: the pause before the hop was sent ("paused 31 s"), a dashed pill before the badges;
    // not on the time scale, whose clock stops while paused.
    Pill pause;
    Pill differsMark;  // at the right end when the row differs from other profiles' traces

    // The pending card's hint (line 2), the outcome card's message (line 1).
    Text message;
    // Outcome cards.
    QRect stripe;  // coloured by the outcome, at the card's left edge
    Text label;    // "✔ Done", "✘ Loop", ...
    Text detail;   // the last URL

private:
    void placeColumns(const Row &row, const QFontMetrics &fm, const QFontMetrics &bfm);
    void placeTarget(const Row &row, int x, int methodWidth, const QFontMetrics &fm, const QFontMetrics &bfm);
    void placeTiming(const Row &row, int indent, const QFontMetrics &fm);
    void placeBadges(const Row &row, int x, int right, const QFontMetrics &fm);
    void placeOutcome(const Row &row, const QFontMetrics &fm, const QFontMetrics &bfm);
};

}  // namespace Rwb
