#pragma once

#include <QString>
#include <QUrl>

namespace Rwb {

// Sites and trustworthiness as a browser compares them: HTML's "same site" (schemeful: scheme and
// registrable domain), the Public Suffix List, and Secure Contexts' "potentially trustworthy" URL.

// How a request's URL relates to the page it comes from, from most to least trusted (Fetch Metadata's
// Sec-Fetch-Site values but "none").
enum class SiteRelation { SameOrigin, SameSite, CrossSite };
QByteArray siteRelationName(SiteRelation relation);

// True for a host that is an IPv4 or IPv6 address (as QUrl::host() gives it: IPv6 without brackets).
bool isIpHost(const QString &host);

// The registrable domain (eTLD+1) of a host name: the public suffix it ends in plus one label. Empty for an
// IP address and for a host that is itself a public suffix. A host under a suffix the list does not know
// ("example.test") counts its last label as the suffix, as the list's default rule "*" says.
QString registrableDomain(const QString &host);

// The host part of a site: the registrable domain, else the host itself (an IP address is its own site).
QString siteHost(const QUrl &url);

// Schemeful same site (HTML §7.1.1): same scheme and same site host. Ports do not count.
bool sameSite(const QUrl &a, const QUrl &b);

// How `url` relates to `initiator`: same origin, same site, or cross-site.
SiteRelation siteRelation(const QUrl &initiator, const QUrl &url);

// The loopback hosts as Chromium knows them: localhost and its subdomains, 127.0.0.0/8, ::1.
bool isLoopbackHost(const QString &host);

// Secure Contexts §3.1 as Chromium applies it to URLs: https, and the loopback hosts (localhost and its
// subdomains, 127.0.0.0/8, ::1) with any scheme.
bool isPotentiallyTrustworthy(const QUrl &url);

}  // namespace Rwb
