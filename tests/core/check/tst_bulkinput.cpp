// parseBulkInput (issue 14): URL lists, CSV and TSV redirect maps (with SEO tools' column names), sitemaps
// plain and gzip, and every broken input an error naming its line.
#include "core/check/bulkinput.h"
#include "support/deflate.h"

#include <QTest>

using namespace Rwb;

namespace {

// "LINE FROM [-> TARGET] [status=..] [hops=N] [final=..] [invalid]" per line, for QCOMPARE.
QStringList summary(const BulkInput &input)
{
    QStringList out;
    for (const BulkLine &l : input.lines) {
        QString s = QString::number(l.lineNumber) + QLatin1Char(' ') + l.from;
        if (l.expectedTarget)
            s += QLatin1String(" -> ") + l.expectedTarget->toString();
        const auto codes = [](const QList<int> &c) {
            QStringList t;
            for (int v : c)
                t << QString::number(v);
            return t.size() > 3 ? QStringLiteral("%1..%2").arg(t.first(), t.last())
                                : t.join(QLatin1Char('|'));
        };
        if (!l.expectedStatuses.isEmpty())
            s += QLatin1String(" status=") + codes(l.expectedStatuses);
        if (l.maxHops)
            s += QStringLiteral(" hops=%1").arg(*l.maxHops);
        if (!l.finalStatuses.isEmpty())
            s += QLatin1String(" final=") + codes(l.finalStatuses);
        if (!l.invalid.isEmpty())
            s += QLatin1String(" invalid");
        out << s;
    }
    return out;
}

}  // namespace

class tst_BulkInput : public QObject
{
    Q_OBJECT

private slots:
    void reads_data();
    void reads();
    void errors_data();
    void errors();
    void sitemapIndexAndGzip();
    void statusLists_data();
    void statusLists();
};

void tst_BulkInput::reads_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("lines");
    QTest::newRow("list with comments and blanks")
        << QByteArray("# old site\n\nhttps://a.test/x\r\n  http://a.test/y  \n#done\nftp://a.test/\n")
        << QStringLiteral("list")
        << QStringList{QStringLiteral("3 https://a.test/x"), QStringLiteral("4 http://a.test/y"),
                       QStringLiteral("6 ftp://a.test/ invalid")};
    QTest::newRow("csv map") << QByteArray("from,to,status,hops,final_status\n"
                                           "https://a.test/old,/new,301|308,1,200\n"
                                           "https://a.test/b,https://b.test/,,,\n")
                             << QStringLiteral("csv")
                             << QStringList{QStringLiteral(
                                                "2 https://a.test/old -> https://a.test/new status=301|308 "
                                                "hops=1 final=200"),
                                            QStringLiteral("3 https://a.test/b -> https://b.test/")};
    QTest::newRow("csv quoted, SEO tool names, BOM, CRLF")
        << QByteArray("\xef\xbb\xbf\"Address\",\"Status Code\",\"Redirect URL\",\"Indexability\"\r\n"
                      "\"https://a.test/p?x=1,2\",\"301\",\"https://a.test/q\",\"Non-Indexable\"\r\n")
        << QStringLiteral("csv")
        << QStringList{QStringLiteral("2 https://a.test/p?x=1,2 -> https://a.test/q status=301")};
    QTest::newRow("csv quoted line break counts lines")
        << QByteArray("Source,Note,Target\nhttps://a.test/1,\"two\nlines\",/2\nhttps://a.test/3,x,/4\n")
        << QStringLiteral("csv")
        << QStringList{QStringLiteral("2 https://a.test/1 -> https://a.test/2"),
                       QStringLiteral("4 https://a.test/3 -> https://a.test/4")};
    QTest::newRow("csv class and invalid from")
        << QByteArray("url,final status\nnot a url,2xx\nhttps://a.test/,3xx|200\n") << QStringLiteral("csv")
        << QStringList{QStringLiteral("2 not a url final=200..299 invalid"),
                       QStringLiteral("3 https://a.test/ final=300..200")};
    QTest::newRow("tsv") << QByteArray("old url\tnew url\nhttps://a.test/a\thttps://a.test/b\n")
                         << QStringLiteral("tsv")
                         << QStringList{QStringLiteral("2 https://a.test/a -> https://a.test/b")};
    QTest::newRow("one column is a list") << QByteArray("https://a.test/,x\n") << QStringLiteral("list")
                                          << QStringList{QStringLiteral("1 https://a.test/,x")};
    QTest::newRow("sitemap") << QByteArray(
        "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/"
        "sitemap/0.9\">\n  <url><loc>https://a.test/</loc></url>\n  <url>\n"
        "    <loc> https://a.test/b?x=1&amp;y=2 </loc><lastmod>2026-01-01</lastmod>\n"
        "  </url>\n</urlset>\n")
                             << QStringLiteral("sitemap")
                             << QStringList{QStringLiteral("3 https://a.test/"),
                                            QStringLiteral("5 https://a.test/b?x=1&y=2")};
}

void tst_BulkInput::reads()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, kind);
    QFETCH(QStringList, lines);
    const BulkInputResult r = parseBulkInput(data);
    QVERIFY2(r.input, qPrintable(r.error));
    QCOMPARE(bulkInputKindName(r.input->kind), kind);
    QCOMPARE(summary(*r.input), lines);
}

void tst_BulkInput::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("error");
    QTest::addColumn<qint64>("line");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("auto")
                           << QStringLiteral("the input is empty: no URL in it") << qint64(0);
    QTest::newRow("only comments") << QByteArray("# nothing\n\n") << QStringLiteral("auto")
                                   << QStringLiteral("the input is empty: no URL in it") << qint64(0);
    QTest::newRow("csv without from")
        << QByteArray("\npage,target\nhttps://a.test/,/b\n") << QStringLiteral("csv")
        << QStringLiteral(
               "line 2: no 'from' column in the header (page, target): name it from, source, address or url")
        << qint64(2);
    QTest::newRow("csv quote left open")
        << QByteArray("from,to\nhttps://a.test/,\"/b\nhttps://a.test/c,/d\n") << QStringLiteral("auto")
        << QStringLiteral("line 2: a quoted field is not closed") << qint64(2);
    QTest::newRow("csv bad status")
        << QByteArray("from,status\nhttps://a.test/,301\nhttps://a.test/b,30x\n") << QStringLiteral("auto")
        << QStringLiteral(
               "line 3: '30x' in the column status is not a status or a list of them (301, 301|308, 3xx)")
        << qint64(3);
    QTest::newRow("csv bad hops") << QByteArray("from,hops\nhttps://a.test/,-1\n") << QStringLiteral("auto")
                                  << QStringLiteral(
                                         "line 2: '-1' in the column hops is not a number of redirects "
                                         "(0 to 1000)")
                                  << qint64(2);
    QTest::newRow("csv header only") << QByteArray("from,to\n\n") << QStringLiteral("auto")
                                     << QStringLiteral(
                                            "line 1: the map has a header row but no line under it")
                                     << qint64(1);
    QTest::newRow("sitemap not xml") << QByteArray("<urlset><url><loc>https://a.test/</loc></url>\n<url>\n")
                                     << QStringLiteral("auto")
                                     << QStringLiteral(
                                            "line 3: not a sitemap: the XML is broken (Premature end of "
                                            "document.)")
                                     << qint64(3);
    QTest::newRow("sitemap wrong root")
        << QByteArray("<html><body/></html>") << QStringLiteral("sitemap")
        << QStringLiteral("line 1: the root element is <html>, not <urlset> or "
                          "<sitemapindex>")
        << qint64(1);
    QTest::newRow("sitemap without loc") << QByteArray("<urlset>\n</urlset>\n") << QStringLiteral("auto")
                                         << QStringLiteral("the sitemap has no <loc>") << qint64(0);
    QTest::newRow("not gzip after all")
        << QByteArray("\x1f\x8b\x08\x00garbage", 11) << QStringLiteral("auto")
        << QStringLiteral("the gzip stream is corrupt or cut short") << qint64(0);
    QByteArray huge = "https://a.test/1\nhttps://a.test/";
    huge += QByteArray(50 * 1024 * 1024, 'x');
    huge += "\nhttps://a.test/3\n";
    QTest::newRow("a 50 MB line") << huge << QStringLiteral("auto")
                                  << QStringLiteral(
                                         "line 2: 52428815 bytes, over the 1048576 a line may have")
                                  << qint64(2);
    QTest::newRow("a 50 MB csv field")
        << QByteArray("from\n") + huge << QStringLiteral("csv")
        << QStringLiteral("line 3: 52428815 bytes, over the 1048576 a line may have") << qint64(3);
}

void tst_BulkInput::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, kind);
    QFETCH(QString, error);
    QFETCH(qint64, line);
    const BulkInputResult r = parseBulkInput(data, bulkInputKindFromName(kind).value());
    QVERIFY(!r.input);
    QCOMPARE(r.error, error);
    QCOMPARE(r.errorLine, line);
}

void tst_BulkInput::sitemapIndexAndGzip()
{
    const QByteArray index =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/"
        "schemas/sitemap/0.9\">\n<sitemap><loc>https://a.test/s1.xml.gz</loc></sitemap>\n"
        "<sitemap><loc>https://a.test/s2.xml</loc></sitemap>\n</sitemapindex>\n";
    const BulkInputResult r = parseBulkInput(Rwb::Test::gzipped(index));
    QVERIFY2(r.input, qPrintable(r.error));
    QCOMPARE(r.input->kind, BulkInputKind::Sitemap);
    QVERIFY(r.input->lines.isEmpty());
    QCOMPARE(r.input->sitemaps, (QList<QUrl>{QUrl(QStringLiteral("https://a.test/s1.xml.gz")),
                                             QUrl(QStringLiteral("https://a.test/s2.xml"))}));
    const BulkInputResult list = parseBulkInput(Rwb::Test::gzipped("https://a.test/1\nhttps://a.test/2\n"));
    QVERIFY2(list.input, qPrintable(list.error));
    QCOMPARE(list.input->lines.size(), 2);
}

void tst_BulkInput::statusLists_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("count");
    QTest::newRow("one") << QStringLiteral("301") << true << 1;
    QTest::newRow("two") << QStringLiteral(" 301 | 308 ") << true << 2;
    QTest::newRow("class") << QStringLiteral("2XX") << true << 100;
    QTest::newRow("empty") << QString() << true << 0;
    QTest::newRow("word") << QStringLiteral("moved") << false << 0;
    QTest::newRow("6xx") << QStringLiteral("6xx") << false << 0;
    QTest::newRow("99") << QStringLiteral("099") << false << 0;
    QTest::newRow("trailing bar") << QStringLiteral("301|") << false << 0;
}

void tst_BulkInput::statusLists()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(int, count);
    const std::optional<QList<int>> codes = parseStatusList(text);
    QCOMPARE(bool(codes), ok);
    if (codes)
        QCOMPARE(codes->size(), count);
}

QTEST_GUILESS_MAIN(tst_BulkInput)
#include "tst_bulkinput.moc"
