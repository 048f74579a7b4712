#pragma once

#include "core/policy/options.h"
#include "core/session/session.h"

#include <QPalette>
#include <QString>

#include <optional>

namespace Rwb {

// The user's defaults for a new request, how many runs of a case are kept, and the window's look, kept with
// QSettings under "preferences/". A saved case keeps its own options: these apply to the scratch request (at
// start, in a new session, and when the preferences are changed while no case is selected).
struct Preferences {
    enum class Theme { System, Light, Dark };

    std::optional<Profile> profile;   // unset: the profile used last
    std::optional<int> maxRedirects;  // unset: the profile's limit
    int timeoutMs = Options().timeoutMs;
    QString userAgent;  // a preset's name or the string; empty: the profile's own
    Theme theme = Theme::System;
    int runsKept = kDefaultRunsKept;  // runs of a case kept in the session, the latest included

    static Preferences load();
    void save() const;
    // `options` with these defaults in it (the profile only when one is chosen).
    Options applyTo(Options options) const;
    // The palette of `theme`; `system` is what the platform gave the application at start.
    static QPalette palette(Theme theme, const QPalette &system);
    static QString themeName(Theme theme);
    static std::optional<Theme> themeFromName(const QString &name);

    friend bool operator==(const Preferences &a, const Preferences &b)
    {
        return a.profile == b.profile && a.maxRedirects == b.maxRedirects && a.timeoutMs == b.timeoutMs
               && a.userAgent == b.userAgent && a.theme == b.theme && a.runsKept == b.runsKept;
    }
};

}  // namespace Rwb
