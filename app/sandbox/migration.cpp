#include "sandbox/migration.h"

#include <initializer_list>

namespace Rwb {

namespace {

const QString kOldPrefix = QStringLiteral("/migration/old/products/");
const QString kNewPrefix = QStringLiteral("/migration/new/products/");

// The product a path names after `prefix`, its number and what follows it (".html", "/" or nothing); 0
// when it names none. No sign, no leading zero: one URL per product.
int productOf(const QString &path, const QString &prefix, QStringView *rest)
{
    if (!path.startsWith(prefix))
        return 0;
    const QStringView tail = QStringView(path).mid(prefix.size());
    qsizetype digits = 0;
    while (digits < tail.size() && digits < 5 && tail.at(digits).isDigit() && tail.at(digits).unicode() < 128)
        ++digits;
    if (digits == 0 || tail.at(0) == QLatin1Char('0'))
        return 0;
    const int product = tail.left(digits).toInt();
    if (product < 1 || product > kMigrationProducts)
        return 0;
    *rest = tail.mid(digits);
    return product;
}

SandboxRule answer(int status, const QString &location = QString())
{
    SandboxRule r;
    r.status = status;
    r.location = location;
    return r;
}

SandboxRule html(int status, const QString &title, const QString &text)
{
    SandboxRule r;
    r.status = status;
    r.body =
        QStringLiteral("<!doctype html><title>%1</title><h1>%1</h1><p>%2</p>\n").arg(title, text).toUtf8();
    r.contentType = QStringLiteral("text/html; charset=utf-8");
    return r;
}

SandboxRule document(const QByteArray &body, const char *contentType)
{
    SandboxRule r;
    r.status = 200;
    r.body = body;
    r.contentType = QString::fromLatin1(contentType);
    return r;
}

QString urlText(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

// The old URL of a product as the map, list and sitemap name it: the downgrade's on the https listener.
QString oldUrl(int product, const SandboxUrls &urls)
{
    const QUrl &base = migrationFault(product) == MigrationFault::Downgrade ? urls.https : urls.origin;
    return urlText(base) + migrationOldPath(product);
}

QString newUrl(int product, const SandboxUrls &urls)
{
    const QUrl &base = migrationFault(product) == MigrationFault::Downgrade ? urls.https : urls.origin;
    return urlText(base) + migrationNewPath(product);
}

// The old page: where the migration's rule for it sends it.
SandboxRule oldPage(int product)
{
    const QString target = migrationNewPath(product);
    switch (migrationFault(product)) {
    case MigrationFault::Temporary:
        return answer(302, target);
    case MigrationFault::TwoHops:
        return answer(301, target + QLatin1Char('/'));
    case MigrationFault::ThreeHops:
        return answer(301, kOldPrefix + QString::number(product) + QLatin1Char('/'));
    case MigrationFault::WrongTarget:
        // Two digits swapped when the map was typed in.
        return answer(301, migrationNewPath(1243));
    case MigrationFault::Downgrade:
        // The rule names the site with http:// (it was written before the site moved to https).
        return answer(301, QLatin1String("{{other}}") + target);
    case MigrationFault::None:
    case MigrationFault::NotFound:
    case MigrationFault::Gone:
    case MigrationFault::Loop:
        break;
    }
    return answer(301, target);
}

SandboxRule newPage(int product)
{
    const QString name = QStringLiteral("Product %1").arg(product);
    switch (migrationFault(product)) {
    case MigrationFault::NotFound:
        return html(404, QStringLiteral("Not found"), QStringLiteral("%1 was not imported.").arg(name));
    case MigrationFault::Gone:
        return html(410, QStringLiteral("Gone"), QStringLiteral("%1 is no longer sold.").arg(name));
    case MigrationFault::Loop:
        // A leftover rule of the old site sends the new page back.
        return answer(301, migrationOldPath(product));
    default:
        break;
    }
    return html(200, name, QStringLiteral("The new shop's page of product %1.").arg(product));
}

}  // namespace

const QList<MigrationFaultEntry> &migrationFaults()
{
    const auto codes = [](std::initializer_list<const char *> list) {
        QStringList out;
        for (const char *c : list)
            out << QString::fromLatin1(c);
        return out;
    };
    static const QList<MigrationFaultEntry> faults{
        {42, MigrationFault::Temporary, codes({"wrong-status"}), codes({"temporary-redirect"}),
         QStringLiteral("302 instead of 301")},
        {404, MigrationFault::NotFound, codes({"final-status"}), codes({"final-status"}),
         QStringLiteral("301 to a new page that answers 404")},
        {410, MigrationFault::Gone, codes({"final-status"}), codes({"final-status"}),
         QStringLiteral("301 to a new page that answers 410")},
        {512, MigrationFault::TwoHops, codes({"too-many-hops"}), codes({"too-many-hops"}),
         QStringLiteral("2 redirects: to the new URL with a trailing slash, then without")},
        {768, MigrationFault::ThreeHops, codes({"too-many-hops"}), codes({"too-many-hops"}),
         QStringLiteral("3 redirects: the old site's trailing-slash rule, then the new site's")},
        {1001, MigrationFault::Loop, codes({"loop"}), codes({"loop"}),
         QStringLiteral("a loop: the new page redirects back to the old one")},
        {1234,
         MigrationFault::WrongTarget,
         codes({"wrong-target"}),
         {},
         QStringLiteral("301 to the wrong new page (product 1243)")},
        {2000, MigrationFault::Downgrade, codes({"downgrade", "wrong-target"}), codes({"downgrade"}),
         QStringLiteral("its https old URL 301 to the http site (on the https listener only)")},
    };
    return faults;
}

MigrationFault migrationFault(int product)
{
    for (const MigrationFaultEntry &e : migrationFaults()) {
        if (e.product == product)
            return e.fault;
    }
    return MigrationFault::None;
}

QString migrationOldPath(int product)
{
    return kOldPrefix + QString::number(product) + QLatin1String(".html");
}

QString migrationNewPath(int product)
{
    return kNewPrefix + QString::number(product);
}

QList<int> migrationProducts(const SandboxUrls &urls)
{
    QList<int> products;
    products.reserve(kMigrationProducts);
    for (int p = 1; p <= kMigrationProducts; ++p) {
        if (migrationFault(p) != MigrationFault::Downgrade || !urls.https.isEmpty())
            products.append(p);
    }
    return products;
}

QByteArray migrationMapCsv(const SandboxUrls &urls)
{
    // What should happen: every old URL one 301 away from its new URL (the map's final status is left to
    // the check's rule, 2xx).
    QString out = QStringLiteral("from,to,status,hops\n");
    for (int p : migrationProducts(urls))
        out += oldUrl(p, urls) + QLatin1Char(',') + newUrl(p, urls) + QLatin1String(",301,1\n");
    return out.toUtf8();
}

QByteArray migrationUrlList(const SandboxUrls &urls)
{
    QString out = QStringLiteral("# The old shop's product pages, before the migration\n");
    for (int p : migrationProducts(urls))
        out += oldUrl(p, urls) + QLatin1Char('\n');
    return out.toUtf8();
}

QByteArray migrationSitemap(const SandboxUrls &urls)
{
    QString out = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (int p : migrationProducts(urls))
        out += QLatin1String("  <url><loc>") + oldUrl(p, urls) + QLatin1String("</loc></url>\n");
    out += QLatin1String("</urlset>\n");
    return out.toUtf8();
}

std::optional<SandboxRule> migrationRule(const QString &path, const SandboxUrls &urls)
{
    if (path == QLatin1String("/migration/map.csv"))
        return document(migrationMapCsv(urls), "text/csv; charset=utf-8");
    if (path == QLatin1String("/migration/urls.txt"))
        return document(migrationUrlList(urls), "text/plain; charset=utf-8");
    if (path == QLatin1String("/migration/sitemap.xml"))
        return document(migrationSitemap(urls), "application/xml");
    QStringView rest;
    if (const int product = productOf(path, kOldPrefix, &rest)) {
        if (rest == QLatin1String(".html"))
            return oldPage(product);
        if (rest == QLatin1String("/"))  // the old site's rule for a directory-style URL
            return answer(301, migrationNewPath(product) + QLatin1Char('/'));
        return std::nullopt;
    }
    if (const int product = productOf(path, kNewPrefix, &rest)) {
        if (rest.isEmpty())
            return newPage(product);
        if (rest == QLatin1String("/"))  // the new site drops a trailing slash
            return answer(301, migrationNewPath(product));
    }
    return std::nullopt;
}

}  // namespace Rwb
