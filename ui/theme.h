#pragma once

#include <QColor>

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

// Tone of a badge: information, something the user should look at, something that went wrong.
enum class Tone { Info, Warning, Danger, Good };
QColor toneBackground(Tone tone, const QPalette &palette);
QColor toneForeground(Tone tone, const QPalette &palette);

bool isDark(const QPalette &palette);
// A colour between two others: used for borders and faint fills that follow the palette.
QColor mix(const QColor &a, const QColor &b, qreal amountOfB);

}  // namespace Rwb::Theme
