#pragma once

#include "sandbox/rules.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rwb {

// The site migration scenario (id "migration", issue 14 item 7): an old shop whose 2,000 product pages
// moved, for bulk checks (`rwb check`, the Bulk Check window). Too many URLs for rules tried one by one, so
// its answers are computed from the path (migrationRule()):
//   /migration/old/products/N.html   the old page: 301 to /migration/new/products/N (most of them)
//   /migration/old/products/N/       an old-site rule: 301 to /migration/new/products/N/
//   /migration/new/products/N/       a new-site rule: 301 to /migration/new/products/N
//   /migration/new/products/N        the new page: 200
//   /migration/map.csv               the redirect map: from,to,status,hops (absolute URLs, 301, 1 hop)
//   /migration/urls.txt              the old URLs, one a line
//   /migration/sitemap.xml           the old URLs as a sitemap
// for N from 1 to kMigrationProducts. A few products are wrong on purpose, always the same ones
// (migrationFaults()): the map says what should happen, so each of them fails a check of the map with the
// codes its entry names. The downgrade's old URL is on the https listener: without TLS the map, list and
// sitemap leave it out.

inline constexpr int kMigrationProducts = 2000;

enum class MigrationFault {
    None,
    Temporary,    // 302 instead of 301
    NotFound,     // the new page answers 404
    Gone,         // the new page answers 410
    TwoHops,      // to the new URL with a trailing slash first: 2 redirects
    ThreeHops,    // through the old site's trailing-slash rule, then the new one's: 3 redirects
    Loop,         // the new page redirects back to the old one
    WrongTarget,  // to another product's new page
    Downgrade,    // an https old URL sent to the http site
};

struct MigrationFaultEntry {
    int product;
    MigrationFault fault;
    // The problem codes `rwb check MAP --no-downgrade` gives the line, in the report's order.
    QStringList mapCodes;
    // The codes of the URL list or sitemap (no expectations of its own) checked with --expect-permanent
    // --max-hops 1 --no-downgrade; empty: it passes (a wrong target needs the map to be seen).
    QStringList listCodes;
    QString what;
};

// Every deliberately wrong product, by product number.
const QList<MigrationFaultEntry> &migrationFaults();
MigrationFault migrationFault(int product);

QString migrationOldPath(int product);  // "/migration/old/products/42.html"
QString migrationNewPath(int product);  // "/migration/new/products/42"

// The lines of the map, list and sitemap: every product, but the https one only when TLS runs.
QList<int> migrationProducts(const SandboxUrls &urls);
QByteArray migrationMapCsv(const SandboxUrls &urls);
QByteArray migrationUrlList(const SandboxUrls &urls);
QByteArray migrationSitemap(const SandboxUrls &urls);

// The sandbox's answer to `path` under /migration/ as a rule (its Location may hold placeholders; its body
// is final), or nothing for a path the scenario does not serve (the sandbox's 404).
std::optional<SandboxRule> migrationRule(const QString &path, const SandboxUrls &urls);

}  // namespace Rwb
