#include "workbench/preferences.h"

#include <QSettings>

namespace Rwb {

namespace {

constexpr auto kProfile = "preferences/profile";
constexpr auto kMaxRedirects = "preferences/maxRedirects";
constexpr auto kTimeout = "preferences/timeoutMs";
constexpr auto kUserAgent = "preferences/userAgent";
constexpr auto kTheme = "preferences/theme";

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
    QPalette p;
    if (theme == Theme::Light) {
        p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
        p.setColor(QPalette::WindowText, Qt::black);
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
        p.setColor(QPalette::Text, Qt::black);
        p.setColor(QPalette::Button, QColor(0xef, 0xef, 0xef));
        p.setColor(QPalette::ButtonText, Qt::black);
        p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
        p.setColor(QPalette::ToolTipText, Qt::black);
        p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
        for (const QPalette::ColorRole role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
            p.setColor(QPalette::Disabled, role, QColor(0x9a, 0x9a, 0x9a));
        return p;
    }
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Mid, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Dark, QColor(0x20, 0x20, 0x20));
    for (const QPalette::ColorRole role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

}  // namespace Rwb
