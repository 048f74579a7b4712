#include "core/check/bulkinput.h"

#include <QXmlStreamReader>

#include <array>

#include <zlib.h>

namespace Rwb {

namespace {

constexpr qsizetype kMaxDecompressed = 256 * 1024 * 1024;

struct Failure {
    QString error;
    qint64 line = 0;
};

BulkInputResult failed(const QString &error, qint64 line = 0)
{
    BulkInputResult r;
    r.error = line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(error) : error;
    r.errorLine = line;
    return r;
}

// The URL of a line, or why it cannot be traced.
void setFrom(BulkLine &line, const QString &from)
{
    line.from = from;
    const QUrl url(from, QUrl::TolerantMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty()) {
        line.invalid = QStringLiteral("'%1' is not an absolute http or https URL").arg(from.left(200));
        return;
    }
    line.url = url;
}

// A column of a redirect map, by the names people and SEO tools give it (compared in lower case, with
// '_' and '-' read as spaces).
enum class Column { From, To, Status, Hops, FinalStatus, None };

Column columnFor(QString name)
{
    name = name.trimmed()
               .toLower()
               .replace(QLatin1Char('_'), QLatin1Char(' '))
               .replace(QLatin1Char('-'), QLatin1Char(' '));
    static const std::array<std::pair<Column, const char *const *>, 5> names = [] {
        static const char *const from[] = {"from",          "source",  "source url", "old",
                                           "old url",       "address", "url",        "original url",
                                           "redirect from", "loc",     nullptr};
        static const char *const to[] = {
            "to",          "target",          "target url",  "new",          "new url",
            "destination", "destination url", "redirect to", "redirect url", "final address",
            nullptr};
        static const char *const status[] = {"status", "status code", "expected status", "code", nullptr};
        static const char *const hops[] = {"hops", "max hops", "redirects", "max redirects", nullptr};
        static const char *const final[] = {"final status", "final status code", "final code", nullptr};
        return std::array<std::pair<Column, const char *const *>, 5>{{{Column::From, from},
                                                                      {Column::To, to},
                                                                      {Column::Status, status},
                                                                      {Column::Hops, hops},
                                                                      {Column::FinalStatus, final}}};
    }();
    for (const auto &[column, list] : names) {
        for (const char *const *n = list; *n; ++n) {
            if (name == QLatin1String(*n))
                return column;
        }
    }
    return Column::None;
}

// One record of CSV (RFC 4180: "quoted" fields, "" for a quote, line breaks inside quotes) or of TSV
// (fields split at tabs, no quoting), from `pos`; advances `pos` and `line` past it. False with `error`
// for a quote left open or a line too long.
bool readRecord(const QByteArray &data, qsizetype &pos, qint64 &line, char separator, QStringList &fields,
                Failure &failure)
{
    fields.clear();
    QByteArray field;
    bool quoted = false;
    bool wasQuoted = false;
    const qint64 startLine = line;
    qsizetype lineStart = pos;
    const auto lineTooLong = [&](qsizetype lineEnd) {
        if (lineEnd - lineStart <= kMaxBulkLineBytes)
            return false;
        failure = {QStringLiteral("%1 bytes, over the %2 a line may have")
                       .arg(lineEnd - lineStart)
                       .arg(kMaxBulkLineBytes),
                   line};
        return true;
    };
    bool recordEnded = false;
    while (pos < data.size() && !recordEnded) {
        const char c = data.at(pos++);
        if (c == '\n') {
            if (lineTooLong(pos - 1))
                return false;
            ++line;
            lineStart = pos;
            if (!quoted) {
                recordEnded = true;
                continue;
            }
        }
        if (quoted) {
            if (c != '"')
                field += c;
            else if (pos < data.size() && data.at(pos) == '"')
                field += data.at(pos++);
            else
                quoted = false;
        } else if (c == separator) {
            fields << QString::fromUtf8(wasQuoted ? field : field.trimmed());
            field.clear();
            wasQuoted = false;
        } else if (c == '"' && separator == ',' && field.trimmed().isEmpty()) {
            quoted = wasQuoted = true;
            field.clear();
        } else if (c != '\r' || pos >= data.size() || data.at(pos) != '\n') {
            field += c;
        }
    }
    if (!recordEnded && lineTooLong(pos))
        return false;
    if (quoted) {
        failure = {QStringLiteral("a quoted field is not closed"), startLine};
        return false;
    }
    fields << QString::fromUtf8(wasQuoted ? field : field.trimmed());
    return true;
}

BulkInputResult readMap(const QByteArray &data, char separator, BulkInputKind kind)
{
    qsizetype pos = 0;
    qint64 line = 1;
    QStringList header;
    Failure failure;
    // The header: the first record that is not empty.
    while (pos < data.size() && header.join(QString()).trimmed().isEmpty()) {
        if (!readRecord(data, pos, line, separator, header, failure))
            return failed(failure.error, failure.line);
    }
    if (header.join(QString()).trimmed().isEmpty())
        return failed(QStringLiteral("the input is empty: no header row, no URL"));
    const qint64 headerLine = line - 1;
    QList<Column> columns;
    for (const QString &name : std::as_const(header))
        columns << columnFor(name);
    if (!columns.contains(Column::From))
        return failed(
            QStringLiteral("no 'from' column in the header (%1): name it from, source, address or url")
                .arg(header.join(QStringLiteral(", ")).left(300)),
            headerLine);
    BulkInput input;
    input.kind = kind;
    QStringList fields;
    while (pos < data.size()) {
        const qint64 recordLine = line;
        if (!readRecord(data, pos, line, separator, fields, failure))
            return failed(failure.error, failure.line);
        if (fields.join(QString()).trimmed().isEmpty())
            continue;
        BulkLine l;
        l.lineNumber = recordLine;
        QString to;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            const QString value = i < fields.size() ? fields.at(i) : QString();
            switch (columns.at(i)) {
            case Column::From:
                setFrom(l, value);
                break;
            case Column::To:
                to = value;
                break;
            case Column::Status:
            case Column::FinalStatus: {
                const std::optional<QList<int>> codes = parseStatusList(value);
                if (!codes)
                    return failed(QStringLiteral("'%1' in the column %2 is not a status or a list of them "
                                                 "(301, 301|308, 3xx)")
                                      .arg(value.left(100), header.at(i)),
                                  recordLine);
                (columns.at(i) == Column::Status ? l.expectedStatuses : l.finalStatuses) = *codes;
                break;
            }
            case Column::Hops: {
                if (value.isEmpty())
                    break;
                bool ok = false;
                const int hops = value.toInt(&ok);
                if (!ok || hops < 0 || hops > 1000)
                    return failed(
                        QStringLiteral("'%1' in the column %2 is not a number of redirects (0 to 1000)")
                            .arg(value.left(100), header.at(i)),
                        recordLine);
                l.maxHops = hops;
                break;
            }
            case Column::None:
                break;
            }
        }
        if (!to.isEmpty() && l.invalid.isEmpty()) {
            const QUrl target = l.url.resolved(QUrl(to, QUrl::TolerantMode));
            if (!QUrl(to, QUrl::TolerantMode).isValid() || !target.isValid())
                l.invalid = QStringLiteral("the target '%1' is not a URL").arg(to.left(200));
            else
                l.expectedTarget = target;
        }
        input.lines << l;
    }
    if (input.lines.isEmpty())
        return failed(QStringLiteral("the map has a header row but no line under it"), headerLine);
    return {input, {}, 0};
}

BulkInputResult readList(const QByteArray &data)
{
    BulkInput input;
    input.kind = BulkInputKind::List;
    qint64 line = 0;
    for (qsizetype pos = 0; pos < data.size();) {
        qsizetype end = data.indexOf('\n', pos);
        if (end < 0)
            end = data.size();
        ++line;
        if (end - pos > kMaxBulkLineBytes)
            return failed(
                QStringLiteral("%1 bytes, over the %2 a line may have").arg(end - pos).arg(kMaxBulkLineBytes),
                line);
        const QString text = QString::fromUtf8(data.mid(pos, end - pos)).trimmed();
        pos = end + 1;
        if (text.isEmpty() || text.startsWith(QLatin1Char('#')))
            continue;
        BulkLine l;
        l.lineNumber = line;
        setFrom(l, text);
        input.lines << l;
    }
    if (input.lines.isEmpty())
        return failed(QStringLiteral("the input is empty: no URL in it"));
    return {input, {}, 0};
}

BulkInputResult readSitemap(const QByteArray &data)
{
    QXmlStreamReader xml(data);
    BulkInput input;
    input.kind = BulkInputKind::Sitemap;
    bool index = false;
    bool rooted = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (!rooted) {
            rooted = true;
            index = name == QLatin1String("sitemapindex");
            if (!index && name != QLatin1String("urlset"))
                return failed(QStringLiteral("the root element is <%1>, not <urlset> or <sitemapindex>")
                                  .arg(name.toString().left(100)),
                              xml.lineNumber());
            continue;
        }
        if (name != QLatin1String("loc"))
            continue;
        const qint64 line = xml.lineNumber();
        const QString loc = xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
        if (xml.hasError())
            break;
        BulkLine l;
        l.lineNumber = line;
        setFrom(l, loc);
        if (index) {
            if (!l.invalid.isEmpty())
                return failed(QStringLiteral("the sitemap index names %1").arg(l.invalid), line);
            input.sitemaps << l.url;
        } else {
            input.lines << l;
        }
    }
    if (xml.hasError())
        return failed(QStringLiteral("not a sitemap: the XML is broken (%1)").arg(xml.errorString()),
                      xml.lineNumber());
    if (!rooted)
        return failed(QStringLiteral("not a sitemap: no XML element in it"));
    if (input.lines.isEmpty() && input.sitemaps.isEmpty())
        return failed(QStringLiteral("the sitemap has no <loc>"));
    return {input, {}, 0};
}

// A whole gzip stream decompressed (zlib), at most kMaxDecompressed bytes of it; the reason in `error` for a
// stream that is corrupt, cut short or too big.
QByteArray gunzip(const QByteArray &in, QString *error)
{
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
        *error = QStringLiteral("cannot decompress gzip here");
        return {};
    }
    QByteArray out;
    char buffer[64 * 1024];
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    z.avail_in = uInt(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
        if (out.size() > kMaxDecompressed) {
            *error =
                QStringLiteral("the gzip stream expands to more than %1 MiB").arg(kMaxDecompressed >> 20);
            break;
        }
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            break;  // all read, no end
    }
    inflateEnd(&z);
    if (error->isEmpty() && rc != Z_STREAM_END)
        *error = QStringLiteral("the gzip stream is corrupt or cut short");
    return error->isEmpty() ? out : QByteArray();
}

// The first line that is neither blank nor a comment.
QByteArray firstLine(const QByteArray &data)
{
    for (qsizetype pos = 0; pos < data.size();) {
        qsizetype end = data.indexOf('\n', pos);
        if (end < 0)
            end = data.size();
        const QByteArray line = data.mid(pos, qMin<qsizetype>(end - pos, 4096)).trimmed();
        pos = end + 1;
        if (!line.isEmpty() && !line.startsWith('#'))
            return line;
    }
    return {};
}

BulkInputKind detect(const QByteArray &data)
{
    const QByteArray first = firstLine(data);
    if (first.startsWith('<'))
        return BulkInputKind::Sitemap;
    // A header row names columns; a URL list's first line is a URL (which may hold a comma or a tab).
    const bool header = !first.contains("://");
    if (first.contains('\t') && header)
        return BulkInputKind::Tsv;
    if (first.contains(',') && header)
        return BulkInputKind::Csv;
    return BulkInputKind::List;
}

}  // namespace

QString bulkInputKindName(BulkInputKind kind)
{
    switch (kind) {
    case BulkInputKind::List:
        return QStringLiteral("list");
    case BulkInputKind::Csv:
        return QStringLiteral("csv");
    case BulkInputKind::Tsv:
        return QStringLiteral("tsv");
    case BulkInputKind::Sitemap:
        return QStringLiteral("sitemap");
    case BulkInputKind::Auto:
        break;
    }
    return QStringLiteral("auto");
}

std::optional<BulkInputKind> bulkInputKindFromName(const QString &name)
{
    for (BulkInputKind k : {BulkInputKind::Auto, BulkInputKind::List, BulkInputKind::Csv, BulkInputKind::Tsv,
                            BulkInputKind::Sitemap}) {
        if (name == bulkInputKindName(k))
            return k;
    }
    return std::nullopt;
}

std::optional<QList<int>> parseStatusList(const QString &text)
{
    QList<int> codes;
    if (text.trimmed().isEmpty())
        return codes;
    for (QString part : text.split(QLatin1Char('|'))) {
        part = part.trimmed().toLower();
        if (part.size() != 3)
            return std::nullopt;
        if (part.endsWith(QLatin1String("xx")) && part.at(0) >= QLatin1Char('1')
            && part.at(0) <= QLatin1Char('5')) {
            const int base = (part.at(0).unicode() - '0') * 100;
            for (int c = base; c < base + 100; ++c)
                codes << c;
            continue;
        }
        bool ok = false;
        const int code = part.toInt(&ok);
        if (!ok || code < 100 || code > 999)
            return std::nullopt;
        codes << code;
    }
    return codes;
}

BulkInputResult parseBulkInput(const QByteArray &raw, BulkInputKind kind)
{
    QByteArray data = raw;
    if (data.startsWith("\x1f\x8b")) {  // gzip (a sitemap.xml.gz)
        QString error;
        data = gunzip(raw, &error);
        if (!error.isEmpty())
            return failed(error);
    }
    if (data.startsWith("\xef\xbb\xbf"))
        data.remove(0, 3);  // a UTF-8 byte order mark
    if (data.trimmed().isEmpty())
        return failed(QStringLiteral("the input is empty: no URL in it"));
    if (kind == BulkInputKind::Auto)
        kind = detect(data);
    switch (kind) {
    case BulkInputKind::Csv:
        return readMap(data, ',', kind);
    case BulkInputKind::Tsv:
        return readMap(data, '\t', kind);
    case BulkInputKind::Sitemap:
        return readSitemap(data);
    case BulkInputKind::List:
    case BulkInputKind::Auto:
        break;
    }
    return readList(data);
}

}  // namespace Rwb
