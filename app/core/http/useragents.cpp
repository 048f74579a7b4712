#include "core/http/useragents.h"

namespace Rwb {

namespace {

// Chromium 156's brand list (sec-ch-ua): its GREASE brand and the order of the brands follow from the
// major version (Chromium's user agent brand algorithm); "Not:A-Brand";v="8" first for 156, measured on
// Debian's Chromium 156. Chrome and Edge add their own brand after Chromium's.
QByteArray chromiumBrands(const char *ownBrand)
{
    QByteArray brands = QByteArrayLiteral("\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\"");
    if (ownBrand)
        brands += QByteArrayLiteral(", \"") + ownBrand + QByteArrayLiteral("\";v=\"156\"");
    return brands;
}

QList<UserAgentPreset> makePresets()
{
    // Chromium browsers send the reduced User-Agent (minor version zeroed, a fixed Android model "K").
    // The Firefox and Safari strings are those releases' own formats, current with Chrome 156.
    const QByteArray chromeLinux =
        QByteArrayLiteral("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, "
                          "like Gecko) Chrome/156.0.0.0 Safari/537.36");
    return {
        {QStringLiteral("chrome"), QStringLiteral("Google Chrome 156 on Linux"), chromeLinux,
         chromiumBrands("Google Chrome"), false, QByteArrayLiteral("\"Linux\"")},
        {QStringLiteral("chromium"), QStringLiteral("Chromium 156 on Linux (Debian's, as measured)"),
         chromeLinux, chromiumBrands(nullptr), false, QByteArrayLiteral("\"Linux\"")},
        {QStringLiteral("chrome-android"), QStringLiteral("Google Chrome 156 on Android"),
         QByteArrayLiteral("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                           "Chrome/156.0.0.0 Mobile Safari/537.36"),
         chromiumBrands("Google Chrome"), true, QByteArrayLiteral("\"Android\"")},
        {QStringLiteral("edge"), QStringLiteral("Microsoft Edge 156 on Windows"),
         QByteArrayLiteral("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                           "Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0"),
         chromiumBrands("Microsoft Edge"), false, QByteArrayLiteral("\"Windows\"")},
        {QStringLiteral("firefox"),
         QStringLiteral("Firefox 158 on Linux"),
         QByteArrayLiteral("Mozilla/5.0 (X11; Linux x86_64; rv:158.0) Gecko/20100101 Firefox/158.0"),
         {},
         false,
         {}},
        {QStringLiteral("firefox-android"),
         QStringLiteral("Firefox 158 on Android"),
         QByteArrayLiteral("Mozilla/5.0 (Android 15; Mobile; rv:158.0) Gecko/158.0 Firefox/158.0"),
         {},
         true,
         {}},
        {QStringLiteral("safari"),
         QStringLiteral("Safari 27 on macOS"),
         QByteArrayLiteral(
             "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
             "Gecko) Version/27.2 Safari/605.1.15"),
         {},
         false,
         {}},
        {QStringLiteral("safari-ios"),
         QStringLiteral("Safari 27 on iPhone"),
         QByteArrayLiteral(
             "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
             "like Gecko) Version/27.2 Mobile/15E148 Safari/604.1"),
         {},
         true,
         {}},
    };
}

}  // namespace

const QList<UserAgentPreset> &userAgentPresets()
{
    static const QList<UserAgentPreset> presets = makePresets();
    return presets;
}

const UserAgentPreset *findUserAgentPreset(const QString &name)
{
    for (const UserAgentPreset &p : userAgentPresets()) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const UserAgentPreset &defaultBrowserPreset()
{
    return userAgentPresets().constFirst();
}

QByteArray userAgentValue(const QString &setting)
{
    if (const UserAgentPreset *preset = findUserAgentPreset(setting))
        return preset->userAgent;
    return setting.toUtf8();
}

}  // namespace Rwb
