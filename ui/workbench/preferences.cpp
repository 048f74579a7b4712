#include "workbench/preferences.h"

#include <QSettings>

namespace Rwb {

namespace {

constexpr auto kProfile = "preferences/profile";
constexpr auto kMaxRedirects = "preferences/maxRedirects";
constexpr auto kTimeout = "preferences/timeoutMs";
constexpr auto kUserAgent = "preferences/userAgent";
constexpr auto kTheme = "preferences/theme";
constexpr auto kRunsKept = "preferences/runsKept";

}  // namespace

QString Preferences::themeName(Theme theme)
{
    switch (theme) {
    case Theme::System:
        return QStringLiteral("system");
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    }
    return {};
}

std::optional<Preferences::Theme> Preferences::themeFromName(const QString &name)
{
    for (const Theme t : {Theme::System, Theme::Light, Theme::Dark}) {
        if (themeName(t) == name)
            return t;
    }
    return std::nullopt;
}

// Values that do not read back (a hand-edited settings file) fall back to the defaults.
Preferences Preferences::load()
{
    const QSettings s;
    Preferences p;
    p.profile = profileFromName(s.value(QLatin1String(kProfile)).toString());
    bool ok = false;
    const int limit = s.value(QLatin1String(kMaxRedirects)).toInt(&ok);
    if (ok && limit >= 0 && limit <= 1000)
        p.maxRedirects = limit;
    const int timeout = s.value(QLatin1String(kTimeout)).toInt(&ok);
    if (ok && timeout > 0 && timeout <= 3600 * 1000)
        p.timeoutMs = timeout;
    p.userAgent = s.value(QLatin1String(kUserAgent)).toString();
    p.theme = themeFromName(s.value(QLatin1String(kTheme)).toString()).value_or(Theme::System);
    const int runs = s.value(QLatin1String(kRunsKept)).toInt(&ok);
    if (ok && runs >= 1 && runs <= kMaxRunsKept)
        p.runsKept = runs;
    return p;
}

void Preferences::save() const
{
    QSettings s;
    s.setValue(QLatin1String(kProfile), profile ? profileName(*profile) : QString());
    if (maxRedirects)
        s.setValue(QLatin1String(kMaxRedirects), *maxRedirects);
    else
        s.remove(QLatin1String(kMaxRedirects));
    s.setValue(QLatin1String(kTimeout), timeoutMs);
    s.setValue(QLatin1String(kUserAgent), userAgent);
    s.setValue(QLatin1String(kTheme), themeName(theme));
    s.setValue(QLatin1String(kRunsKept), runsKept);
}

Options Preferences::applyTo(Options options) const
{
    if (profile)
        options.profile = *profile;
    options.maxRedirects = maxRedirects;
    options.timeoutMs = timeoutMs;
    options.userAgent = userAgent;
    return options;
}

QPalette Preferences::palette(Theme theme, const QPalette &system)
{
    if (theme == Theme::System)
        return system;
    struct RoleColor {
        QPalette::ColorRole role;
        QRgb light;
        QRgb dark;
    };
    // Every role the widgets read. Light, Mid and Dark (the bevels Fusion draws) are set for the dark
    // theme only; the light one keeps the application's.
    constexpr QRgb kKeep = 0xffffffffu;
    static const RoleColor kRoles[] = {
        {QPalette::Window, 0xefefef, 0x2b2b2b},
        {QPalette::WindowText, 0x000000, 0xe6e6e6},
        {QPalette::Base, 0xffffff, 0x1e1e1e},
        {QPalette::AlternateBase, 0xf7f7f7, 0x262626},
        {QPalette::Text, 0x000000, 0xe6e6e6},
        {QPalette::Button, 0xefefef, 0x353535},
        {QPalette::ButtonText, 0x000000, 0xe6e6e6},
        {QPalette::Highlight, 0x308cc6, 0x3d8ed8},
        {QPalette::HighlightedText, 0xffffff, 0xffffff},
        {QPalette::ToolTipBase, 0xffffdc, 0x353535},
        {QPalette::ToolTipText, 0x000000, 0xe6e6e6},
        {QPalette::PlaceholderText, 0x808080, 0x909090},
        {QPalette::Light, kKeep, 0x505050},
        {QPalette::Mid, kKeep, 0x404040},
        {QPalette::Dark, kKeep, 0x202020},
    };
    const bool dark = theme == Theme::Dark;
    QPalette p;
    for (const RoleColor &r : kRoles) {
        if (const QRgb rgb = dark ? r.dark : r.light; rgb != kKeep)
            p.setColor(r.role, QColor(rgb));
    }
    for (const QPalette::ColorRole role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
        p.setColor(QPalette::Disabled, role, QColor(dark ? 0x808080 : 0x9a9a9a));
    return p;
}

}  // namespace Rwb
