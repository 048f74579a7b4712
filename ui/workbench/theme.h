#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace Rwb::Theme {

// What a hop's status pill says at a glance.
enum class StatusClass {
    Pending,
    Informational,
    Success,
    Redirect,
    ClientError,
    ServerError,
    Failed,
    Synthetic
};
StatusClass statusClass(int status, bool failed, bool synthetic);

// Pill fills chosen to carry white text on both light and dark window palettes.
QColor statusColor(StatusClass statusClass);
// Refresh hops (a Refresh header, a meta refresh): their pill and the connector to the page before. Readable
// as a line on both light and dark palettes.
QColor refreshColor();

// Tone of a badge or a table row: information (plain), of less interest, something the user should
// look at, something that went wrong, something that went right.
enum class Tone { Info, Muted, Warning, Danger, Good };
// A badge: text in toneForeground on a toneBackground fill.
QColor toneBackground(Tone tone, const QPalette &palette);
QColor toneForeground(Tone tone, const QPalette &palette);
// Coloured text straight on the palette's Base (table cells): the hue is fixed, the lightness follows
// the background so a dark palette gets the brighter variant.
QColor toneText(Tone tone, const QPalette &palette);

// The parts of a hop's duration bar, in the order they happen (the timeline's legend names them).
enum class Phase { Queued, Dns, Connect, Tls, Waiting, Receiving };
inline constexpr int kPhaseCount = 6;
// Fills that tell the parts apart next to each other on light and dark palettes (the hues of browsers'
// network panels: DNS teal, connecting orange, TLS purple, waiting green, receiving blue).
QColor phaseColor(Phase phase, const QPalette &palette);
QString phaseName(Phase phase);

bool isDark(const QPalette &palette);
// A colour between two others: used for borders and faint fills that follow the palette.
QColor mix(const QColor &a, const QColor &b, qreal amountOfB);

}  // namespace Rwb::Theme
