#include "core/http/requestcontext.h"

#include <iterator>

namespace Rwb {

namespace {

// One table per enum: the strings are part of the trace and session formats and of the command line.
template <typename E> struct Named {
    E value;
    const char *name;
};

constexpr Named<RequestMode> kModes[] = {{RequestMode::Navigate, "navigate"}, {RequestMode::Fetch, "fetch"}};
constexpr Named<CredentialsMode> kCredentials[] = {{CredentialsMode::Omit, "omit"},
                                                   {CredentialsMode::SameOrigin, "same-origin"},
                                                   {CredentialsMode::Include, "include"}};
constexpr Named<ReferrerPolicy> kPolicies[] = {
    {ReferrerPolicy::NoReferrer, "no-referrer"},
    {ReferrerPolicy::NoReferrerWhenDowngrade, "no-referrer-when-downgrade"},
    {ReferrerPolicy::SameOrigin, "same-origin"},
    {ReferrerPolicy::Origin, "origin"},
    {ReferrerPolicy::StrictOrigin, "strict-origin"},
    {ReferrerPolicy::OriginWhenCrossOrigin, "origin-when-cross-origin"},
    {ReferrerPolicy::StrictOriginWhenCrossOrigin, "strict-origin-when-cross-origin"},
    {ReferrerPolicy::UnsafeUrl, "unsafe-url"},
};
constexpr Named<HopVia> kVia[] = {{HopVia::Request, "request"},
                                  {HopVia::Redirect, "redirect"},
                                  {HopVia::Hsts, "hsts"},
                                  {HopVia::RefreshHeader, "refresh-header"},
                                  {HopVia::MetaRefresh, "meta-refresh"}};

template <typename E, std::size_t N> QString nameIn(const Named<E> (&table)[N], E value)
{
    for (const auto &row : table) {
        if (row.value == value)
            return QLatin1String(row.name);
    }
    return {};
}

template <typename E, std::size_t N> std::optional<E> valueIn(const Named<E> (&table)[N], QStringView name)
{
    for (const auto &row : table) {
        if (name == QLatin1String(row.name))
            return row.value;
    }
    return std::nullopt;
}

}  // namespace

QString requestModeName(RequestMode mode)
{
    return nameIn(kModes, mode);
}
std::optional<RequestMode> requestModeFromName(QStringView name)
{
    return valueIn(kModes, name);
}
QString credentialsModeName(CredentialsMode mode)
{
    return nameIn(kCredentials, mode);
}
std::optional<CredentialsMode> credentialsModeFromName(QStringView name)
{
    return valueIn(kCredentials, name);
}
QString referrerPolicyName(ReferrerPolicy policy)
{
    return nameIn(kPolicies, policy);
}
std::optional<ReferrerPolicy> referrerPolicyFromName(QStringView name)
{
    return valueIn(kPolicies, name);
}
QString hopViaName(HopVia via)
{
    return nameIn(kVia, via);
}
std::optional<HopVia> hopViaFromName(QStringView name)
{
    return valueIn(kVia, name);
}

const QList<ReferrerPolicy> &allReferrerPolicies()
{
    static const QList<ReferrerPolicy> all = [] {
        QList<ReferrerPolicy> out;
        for (const auto &row : kPolicies)
            out.append(row.value);
        return out;
    }();
    return all;
}

std::optional<ReferrerPolicy> parseReferrerPolicyHeader(QByteArrayView value)
{
    // Referrer Policy §8.1: split on commas, the last token the browser recognises wins (tokens are ASCII
    // case-insensitive).
    std::optional<ReferrerPolicy> result;
    for (const QByteArray &token : value.toByteArray().split(',')) {
        const QString t = QString::fromLatin1(token.trimmed()).toLower();
        if (const auto p = referrerPolicyFromName(t))
            result = p;
    }
    return result;
}

bool RequestContext::isDefault() const
{
    return *this == RequestContext();
}

std::optional<PresetCookie> parsePresetCookie(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const qsizetype space = trimmed.indexOf(QLatin1Char(' '));
    if (space <= 0) {
        *error =
            QStringLiteral("expected 'URL SET-COOKIE-VALUE', e.g. 'https://example.test/ sid=1; Secure'");
        return std::nullopt;
    }
    const QUrl url(trimmed.left(space), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        *error = QStringLiteral("'%1' is not an http or https URL").arg(trimmed.left(space));
        return std::nullopt;
    }
    const QByteArray value = trimmed.mid(space + 1).trimmed().toUtf8();
    if (value.indexOf('=') <= 0 && !value.startsWith('=')) {
        *error = QStringLiteral("'%1' is not a Set-Cookie value (name=value; attributes)")
                     .arg(QString::fromUtf8(value));
        return std::nullopt;
    }
    return PresetCookie{url, value};
}

QString presetCookieText(const PresetCookie &cookie)
{
    return cookie.url.toString() + QLatin1Char(' ') + QString::fromUtf8(cookie.setCookie);
}

}  // namespace Rwb
