#include "workbench/theme.h"

#include <QCoreApplication>

#include <QPalette>

namespace Rwb::Theme {

StatusClass statusClass(int status, bool failed, bool synthetic)
{
    if (synthetic)
        return StatusClass::Synthetic;
    if (failed)
        return StatusClass::Failed;
    if (status <= 0)
        return StatusClass::Pending;
    if (status < 200)
        return StatusClass::Informational;
    if (status < 300)
        return StatusClass::Success;
    if (status < 400)
        return StatusClass::Redirect;
    if (status < 500)
        return StatusClass::ClientError;
    return StatusClass::ServerError;
}

QColor phaseColor(Phase phase, const QPalette &palette)
{
    switch (phase) {
    case Phase::Queued:
        return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.3);
    case Phase::Dns:
        return QColor(0x16, 0x9c, 0x9e);
    case Phase::Connect:
        return QColor(0xe0, 0x86, 0x14);
    case Phase::Tls:
        return QColor(0x9b, 0x4d, 0xca);
    case Phase::Waiting:
        return QColor(0x2e, 0x9d, 0x4c);
    case Phase::Receiving:
        return QColor(0x2d, 0x7d, 0xd2);
    }
    return {};
}

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Queued:
        return QCoreApplication::translate("Theme", "queued");
    case Phase::Dns:
        return QCoreApplication::translate("Theme", "DNS");
    case Phase::Connect:
        return QCoreApplication::translate("Theme", "connect");
    case Phase::Tls:
        return QCoreApplication::translate("Theme", "TLS");
    case Phase::Waiting:
        return QCoreApplication::translate("Theme", "waiting");
    case Phase::Receiving:
        return QCoreApplication::translate("Theme", "receiving");
    }
    return {};
}

QColor refreshColor()
{
    return QColor(0x8e, 0x24, 0xaa);
}

QColor statusColor(StatusClass statusClass)
{
    switch (statusClass) {
    case StatusClass::Pending:
        return QColor(0x75, 0x75, 0x75);
    case StatusClass::Informational:
        return QColor(0x54, 0x6e, 0x7a);
    case StatusClass::Success:
        return QColor(0x2e, 0x7d, 0x32);
    case StatusClass::Redirect:
        return QColor(0x15, 0x65, 0xc0);
    case StatusClass::ClientError:
        return QColor(0xc4, 0x5a, 0x00);
    case StatusClass::ServerError:
        return QColor(0xc6, 0x28, 0x28);
    case StatusClass::Failed:
        return QColor(0x8e, 0x24, 0xaa);
    case StatusClass::Synthetic:
        return QColor(0x00, 0x83, 0x8f);
    }
    return {};
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    const qreal k = 1.0 - amountOfB;
    return QColor::fromRgbF(float(a.redF() * k + b.redF() * amountOfB),
                            float(a.greenF() * k + b.greenF() * amountOfB),
                            float(a.blueF() * k + b.blueF() * amountOfB));
}

QColor toneBackground(Tone tone, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Info:
    case Tone::Muted:
        return mix(base, palette.color(QPalette::Text), dark ? 0.22 : 0.10);
    case Tone::Warning:
        return dark ? QColor(0x6d, 0x4c, 0x00) : QColor(0xff, 0xe0, 0x82);
    case Tone::Danger:
        return dark ? QColor(0x7f, 0x1d, 0x1d) : QColor(0xff, 0xcd, 0xd2);
    case Tone::Good:
        return dark ? QColor(0x1b, 0x4d, 0x2b) : QColor(0xc8, 0xe6, 0xc9);
    }
    return base;
}

namespace {

// A colour for a dark window palette and one for a light one.
struct Shades {
    QColor onDark;
    QColor onLight;
};

// Text in a tone: the palette's own text for Info and Muted, else the tone's shade for the palette.
QColor textColor(Tone tone, const QPalette &palette, const Shades &warning, const Shades &danger,
                 const Shades &good)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Info:
        return palette.color(QPalette::Text);
    case Tone::Muted:
        return palette.color(QPalette::PlaceholderText);
    case Tone::Warning:
        return dark ? warning.onDark : warning.onLight;
    case Tone::Danger:
        return dark ? danger.onDark : danger.onLight;
    case Tone::Good:
        return dark ? good.onDark : good.onLight;
    }
    return palette.color(QPalette::Text);
}

}  // namespace

QColor toneForeground(Tone tone, const QPalette &palette)
{
    return textColor(tone, palette, {QColor(0xff, 0xe0, 0x82), QColor(0x5d, 0x40, 0x00)},
                     {QColor(0xff, 0xcd, 0xd2), QColor(0x8e, 0x00, 0x00)},
                     {QColor(0xc8, 0xe6, 0xc9), QColor(0x1b, 0x5e, 0x20)});
}

QColor toneText(Tone tone, const QPalette &palette)
{
    return textColor(tone, palette, {QColor(0xe3, 0xb3, 0x41), QColor(0x9a, 0x67, 0x00)},
                     {QColor(0xff, 0x7b, 0x72), QColor(0xcf, 0x22, 0x2e)},
                     {QColor(0x3f, 0xb9, 0x50), QColor(0x1a, 0x7f, 0x37)});
}

}  // namespace Rwb::Theme
