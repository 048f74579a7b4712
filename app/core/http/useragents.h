#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Rwb {

// The User-Agent presets (Options::userAgent, rwb trace -A): one table for every profile. A Chromium-based
// preset also has the low-entropy User-Agent client hints that browser sends (sec-ch-ua, -mobile,
// -platform); the others send none.
struct UserAgentPreset {
    QString name;         // "chrome", "firefox-android", ...
    QString description;  // for people: "Chrome 156 on Linux"
    QByteArray userAgent;
    QByteArray clientHintBrands;  // the sec-ch-ua value; empty: not a Chromium browser, no client hints
    bool mobile = false;          // sec-ch-ua-mobile
    QByteArray platform;          // the sec-ch-ua-platform value, quoted as sent: "\"Linux\""

    bool sendsClientHints() const { return !clientHintBrands.isEmpty(); }
};

// Every preset, the browser profile's default ("chrome") first.
const QList<UserAgentPreset> &userAgentPresets();
// The preset of that name, or null.
const UserAgentPreset *findUserAgentPreset(const QString &name);
// The browser profile's User-Agent when none is set: "chrome".
const UserAgentPreset &defaultBrowserPreset();

// What a User-Agent setting sends: a preset's name gives the preset's string, any other text is the
// User-Agent itself. Empty for an empty setting (the profile's own then).
QByteArray userAgentValue(const QString &setting);

}  // namespace Rwb
