// The Refresh header and <meta http-equiv=refresh> as the HTML standard's "shared declarative refresh steps"
// read them, the page scanner (meta refresh, meta referrer, inline scripts assigning location) and the
// HTML sniffing (docs/spec/refresh.md).
#include "core/http/refresh.h"

#include <QTest>

using namespace Rwb;

namespace {
const QUrl kBase(QStringLiteral("http://a.example/dir/page?q#top"));
}

class TestRefresh : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void scanMeta_data();
    void scanMeta();
    void scanReferrer_data();
    void scanReferrer();
    void scanScript_data();
    void scanScript();
    void scanLimit();
    void html_data();
    void html();
    void find_data();
    void find();
};

void TestRefresh::parse_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("delayMs");
    QTest::addColumn<QString>("url");  // empty: the base (a reload)

    // Time: digits, then digits and '.' ignored; no digits needs a '.'.
    QTest::newRow("0") << "0" << true << qint64(0) << "";
    QTest::newRow("5") << "5" << true << qint64(5000) << "";
    QTest::newRow("leading ws") << " \t\n5" << true << qint64(5000) << "";
    QTest::newRow("fraction ignored") << "1.9" << true << qint64(1000) << "";
    QTest::newRow("dots ignored") << "2..5.;url=/x" << true << qint64(2000) << "http://a.example/x";
    QTest::newRow("only dot") << ".5; url=/x" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("empty") << "" << false << qint64(0) << "";
    QTest::newRow("ws only") << "   " << false << qint64(0) << "";
    QTest::newRow("no digits") << "url=/x" << false << qint64(0) << "";
    QTest::newRow("negative") << "-1; url=/x" << false << qint64(0) << "";
    QTest::newRow("huge clamps") << "99999999999999999999999" << true << qint64(999999999999999000) << "";
    // After the time: ';', ',' or whitespace, else not a refresh.
    QTest::newRow("junk after time") << "5x; url=/x" << false << qint64(0) << "";
    QTest::newRow("semicolon") << "0;url=/x" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("comma") << "0,url=/x" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("space only") << "0 url=/x" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("ws around ;") << "3 ; url=/x" << true << qint64(3000) << "http://a.example/x";
    QTest::newRow("trailing ;") << "3;" << true << qint64(3000) << "";
    QTest::newRow("trailing ; ws") << "3 ;  " << true << qint64(3000) << "";
    // url=, case-insensitive, whitespace around '='.
    QTest::newRow("URL=") << "0; URL=/x" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("uRl = ") << "0; uRl  =  /x" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("no url= prefix") << "0; /x" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("bare relative") << "0; next" << true << qint64(0) << "http://a.example/dir/next";
    QTest::newRow("u only") << "0; u" << true << qint64(0) << "http://a.example/dir/u";
    QTest::newRow("ur then other") << "0; urx" << true << qint64(0) << "http://a.example/dir/urx";
    QTest::newRow("url without =") << "0; url" << true << qint64(0) << "http://a.example/dir/url";
    QTest::newRow("url then path") << "0; url/x" << true << qint64(0) << "http://a.example/dir/url/x";
    // Quotes after url= (or at the start): one kind, cut at the matching quote; unmatched kept to the end.
    QTest::newRow("double quotes") << "0; url=\"/x\" junk" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("single quotes") << "0; url='/x'" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("quote no url=") << "0; '/x'" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("unclosed quote") << "0; url='/x" << true << qint64(0) << "http://a.example/x";
    QTest::newRow("other quote inside") << "0; url=\"/x'y\"" << true << qint64(0) << "http://a.example/x'y";
    QTest::newRow("quote after url no =")
        << "0; url '/x'" << true << qint64(0) << "http://a.example/dir/url '/x'";
    // The URL: resolved against the page; trailing whitespace dropped; absolute; a query; an empty url=.
    QTest::newRow("absolute") << "1; url=https://b.example/y?z#f" << true << qint64(1000)
                              << "https://b.example/y?z#f";
    QTest::newRow("query only") << "0; url=?n=1" << true << qint64(0) << "http://a.example/dir/page?n=1";
    QTest::newRow("fragment only") << "0;url=#f2" << true << qint64(0) << "http://a.example/dir/page?q#f2";
    QTest::newRow("trailing ws url") << "0; url=/x   " << true << qint64(0) << "http://a.example/x";
    QTest::newRow("empty url=") << "0; url=" << true << qint64(0) << "http://a.example/dir/page?q";
    QTest::newRow("scheme-relative") << "0;url=//c.example/p" << true << qint64(0) << "http://c.example/p";
}

void TestRefresh::parse()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QFETCH(qint64, delayMs);
    QFETCH(QString, url);
    const std::optional<RefreshDirective> d = parseRefresh(value, kBase);
    QCOMPARE(d.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(d->delayMs, delayMs);
    QCOMPARE(d->value, value);
    if (url.isEmpty()) {
        QCOMPARE(d->url, kBase);
    } else {
        QCOMPARE(d->url.toString(), url);
        QVERIFY(d->hasUrl);
    }
}

void TestRefresh::scanMeta_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QStringList>("contents");

    const QStringList one{QStringLiteral("0;url=/x")};
    QTest::newRow("plain") << QByteArray("<meta http-equiv=\"refresh\" content=\"0;url=/x\">") << one;
    QTest::newRow("case and order") << QByteArray("<META CONTENT='0;url=/x' HTTP-EQUIV=Refresh>") << one;
    QTest::newRow("unquoted") << QByteArray("<meta http-equiv=refresh content=0;url=/x>") << one;
    QTest::newRow("self-closing") << QByteArray("<meta http-equiv=refresh content=\"0;url=/x\"/>") << one;
    QTest::newRow("in body") << QByteArray("<html><body><p>hi<meta http-equiv=refresh content=\"0;url=/x\">")
                             << one;
    QTest::newRow("entity") << QByteArray("<meta http-equiv=refresh content=\"0;url=/x?a=1&amp;b=2\">")
                            << QStringList{QStringLiteral("0;url=/x?a=1&b=2")};
    QTest::newRow("numeric entity") << QByteArray("<meta http-equiv=refresh content=\"0;url=/&#120;&#x79;\">")
                                    << QStringList{QStringLiteral("0;url=/xy")};
    QTest::newRow("> in quotes") << QByteArray("<meta content=\"0;url=/a>b\" http-equiv=refresh>")
                                 << QStringList{QStringLiteral("0;url=/a>b")};
    QTest::newRow("duplicate attribute: first")
        << QByteArray("<meta http-equiv=refresh content=\"0;url=/x\" content=\"0;url=/y\">") << one;
    QTest::newRow("two metas") << QByteArray(
        "<meta http-equiv=refresh content=\"x\"><meta http-equiv=refresh "
        "content=\"0;url=/x\">")
                               << QStringList{QStringLiteral("x"), QStringLiteral("0;url=/x")};
    QTest::newRow("empty content") << QByteArray("<meta http-equiv=refresh content=\"\">") << QStringList();
    QTest::newRow("no content") << QByteArray("<meta http-equiv=refresh>") << QStringList();
    QTest::newRow("other http-equiv")
        << QByteArray("<meta http-equiv=expires content=\"0\">") << QStringList();
    QTest::newRow("metadata") << QByteArray("<metadata http-equiv=refresh content=\"0\">") << QStringList();
    QTest::newRow("in comment") << QByteArray("<!-- <meta http-equiv=refresh content=\"0;url=/x\"> -->")
                                << QStringList();
    QTest::newRow("after short comment")
        << QByteArray("<!--><meta http-equiv=refresh content=\"0;url=/x\">") << one;
    QTest::newRow("in script") << QByteArray("<script>var s='<meta http-equiv=refresh content=0>';</script>")
                               << QStringList();
    QTest::newRow("in title") << QByteArray("<title><meta http-equiv=refresh content=0></title>")
                              << QStringList();
    QTest::newRow("in noscript") << QByteArray("<noscript><meta http-equiv=refresh content=0></noscript>")
                                 << QStringList();
    QTest::newRow("after textarea") << QByteArray(
        "<textarea></textarea x><meta http-equiv=refresh content=\"0;url=/x\">")
                                    << one;
    QTest::newRow("unclosed tag") << QByteArray("<meta http-equiv=refresh content=\"0;url=/x\"")
                                  << QStringList();
    QTest::newRow("less-than text") << QByteArray("a < b <3 <meta http-equiv=refresh content=\"0;url=/x\">")
                                    << one;
}

void TestRefresh::scanMeta()
{
    QFETCH(QByteArray, html);
    QFETCH(QStringList, contents);
    QCOMPARE(scanHtml(html).metaRefreshes, contents);
}

void TestRefresh::scanReferrer_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<int>("policy");  // -1: none
    QTest::newRow("none") << QByteArray("<meta name=description content=x>") << -1;
    QTest::newRow("no-referrer") << QByteArray("<meta name=\"referrer\" content=\"no-referrer\">")
                                 << int(ReferrerPolicy::NoReferrer);
    QTest::newRow("legacy never") << QByteArray("<meta name=referrer content=never>")
                                  << int(ReferrerPolicy::NoReferrer);
    QTest::newRow("legacy always") << QByteArray("<meta name=referrer content=Always>")
                                   << int(ReferrerPolicy::UnsafeUrl);
    QTest::newRow("unknown kept out") << QByteArray("<meta name=referrer content=bogus>") << -1;
    QTest::newRow("last wins") << QByteArray("<meta name=referrer content=origin><meta name=referrer "
                                             "content=same-origin><meta name=referrer content=bogus>")
                               << int(ReferrerPolicy::SameOrigin);
}

void TestRefresh::scanReferrer()
{
    QFETCH(QByteArray, html);
    QFETCH(int, policy);
    const PageScan scan = scanHtml(html);
    QCOMPARE(scan.metaReferrerPolicy.has_value(), policy >= 0);
    if (policy >= 0)
        QCOMPARE(int(*scan.metaReferrerPolicy), policy);
}

void TestRefresh::scanScript_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("target");

    QTest::newRow("location =") << QByteArray("<script>location = \"/is/2\";</script>") << true << "/is/2";
    QTest::newRow("location.href") << QByteArray("<script>location.href='/a'</script>") << true << "/a";
    QTest::newRow("window.location.href")
        << QByteArray("<script>window.location.href = '/b';</script>") << true << "/b";
    QTest::newRow("document.location")
        << QByteArray("<script>document.location='/c'</script>") << true << "/c";
    QTest::newRow("replace") << QByteArray("<script>location.replace(\"/d\")</script>") << true << "/d";
    QTest::newRow("window.location.assign")
        << QByteArray("<script>window.location.assign('/e')</script>") << true << "/e";
    QTest::newRow("computed target") << QByteArray("<script>location.href = base + '/f'</script>") << true
                                     << "";
    QTest::newRow("comparison") << QByteArray("<script>if (location == x) {}</script>") << false << "";
    QTest::newRow("hash") << QByteArray("<script>location.hash = '#x'</script>") << false << "";
    QTest::newRow("read only") << QByteArray("<script>var u = location.href;</script>") << false << "";
    QTest::newRow("relocation") << QByteArray("<script>relocation = '/g'</script>") << false << "";
    QTest::newRow("src script") << QByteArray("<script src=a.js>location='/h'</script>") << false << "";
    QTest::newRow("template type") << QByteArray("<script type=text/template>location='/i'</script>") << false
                                   << "";
    QTest::newRow("module type") << QByteArray("<script type=module>location='/j'</script>") << true << "/j";
    QTest::newRow("outside script") << QByteArray("<p>location = '/k'</p>") << false << "";
    QTest::newRow("second script") << QByteArray("<script>var a=1</script><script>top.location='/l'</script>")
                                   << true << "/l";
}

void TestRefresh::scanScript()
{
    QFETCH(QByteArray, html);
    QFETCH(bool, found);
    QFETCH(QString, target);
    const PageScan scan = scanHtml(html);
    QCOMPARE(scan.scriptNavigation.has_value(), found);
    QCOMPARE(scan.scriptTarget, target);
}

void TestRefresh::scanLimit()
{
    const QByteArray meta("<meta http-equiv=refresh content=\"0;url=/x\">");
    QByteArray html(kPageScanLimit - meta.size(), ' ');
    QCOMPARE(scanHtml(QByteArray(html + meta)).metaRefreshes.size(), 1);
    html += ' ';
    QCOMPARE(scanHtml(QByteArray(html + meta)).metaRefreshes.size(), 0);
}

void TestRefresh::html_data()
{
    QTest::addColumn<QByteArray>("contentType");  // "-": no header
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("html");
    QTest::newRow("text/html") << QByteArray("text/html") << QByteArray("x") << true;
    QTest::newRow("params and case") << QByteArray(" Text/HTML ; charset=utf-8") << QByteArray() << true;
    QTest::newRow("xhtml") << QByteArray("application/xhtml+xml") << QByteArray() << true;
    QTest::newRow("text/plain") << QByteArray("text/plain") << QByteArray("<html>") << false;
    QTest::newRow("json") << QByteArray("application/json") << QByteArray("<html>") << false;
    QTest::newRow("sniff doctype") << QByteArray("-") << QByteArray("\n <!doctype html><p>") << true;
    QTest::newRow("sniff html") << QByteArray("-") << QByteArray("<HTML>") << true;
    QTest::newRow("sniff meta: no") << QByteArray("-") << QByteArray("<meta http-equiv=refresh>") << false;
    QTest::newRow("sniff htmlx: no") << QByteArray("-") << QByteArray("<htmlx>") << false;
    QTest::newRow("sniff text") << QByteArray("-") << QByteArray("hello") << false;
}

void TestRefresh::html()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, html);
    HeaderList headers;
    if (contentType != "-")
        headers.append({QByteArrayLiteral("Content-Type"), contentType});
    QCOMPARE(isHtmlResponse(headers, body), html);
}

void TestRefresh::find_data()
{
    QTest::addColumn<QByteArray>("refreshHeader");  // empty: none
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("via");  // -1: none
    QTest::addColumn<QString>("url");

    const QByteArray meta("<meta http-equiv=refresh content=\"2;url=/m\">");
    const auto metas = [](const char *a, const char *b) -> QByteArray {
        return QByteArray("<meta http-equiv=refresh content=\"") + a
               + "\"><meta http-equiv=refresh content=\"" + b + "\">";
    };
    QTest::newRow("header") << QByteArray("0; url=/h") << QByteArray("text/plain") << QByteArray()
                            << int(HopVia::RefreshHeader) << "http://a.example/h";
    QTest::newRow("duplicate headers joined")
        << QByteArray("0; url=/h\n0; url=/i") << QByteArray("text/plain") << QByteArray()
        << int(HopVia::RefreshHeader) << "http://a.example/h, 0; url=/i";
    QTest::newRow("header shorter than meta") << QByteArray("1;url=/h") << QByteArray("text/html") << meta
                                              << int(HopVia::RefreshHeader) << "http://a.example/h";
    QTest::newRow("meta shorter than header") << QByteArray("3;url=/h") << QByteArray("text/html") << meta
                                              << int(HopVia::MetaRefresh) << "http://a.example/m";
    QTest::newRow("tie: the meta, later") << QByteArray("2;url=/h") << QByteArray("text/html") << meta
                                          << int(HopVia::MetaRefresh) << "http://a.example/m";
    QTest::newRow("bad header, meta") << QByteArray("soon") << QByteArray("text/html") << meta
                                      << int(HopVia::MetaRefresh) << "http://a.example/m";
    QTest::newRow("meta") << QByteArray() << QByteArray("text/html") << meta << int(HopVia::MetaRefresh)
                          << "http://a.example/m";
    QTest::newRow("meta, not html") << QByteArray() << QByteArray("text/plain") << meta << -1 << "";
    QTest::newRow("metas: only those that parse")
        << QByteArray() << QByteArray("text/html") << metas("x", "3;url=/n") << int(HopVia::MetaRefresh)
        << "http://a.example/n";
    QTest::newRow("metas: 1 then 0") << QByteArray() << QByteArray("text/html")
                                     << metas("1;url=/a", "0;url=/b") << int(HopVia::MetaRefresh)
                                     << "http://a.example/b";
    QTest::newRow("metas: 0 then 0") << QByteArray() << QByteArray("text/html")
                                     << metas("0;url=/a", "0;url=/b") << int(HopVia::MetaRefresh)
                                     << "http://a.example/b";
    QTest::newRow("metas: 0 then 1") << QByteArray() << QByteArray("text/html")
                                     << metas("0;url=/a", "1;url=/b") << int(HopVia::MetaRefresh)
                                     << "http://a.example/a";
    QTest::newRow("metas: 2 then 1") << QByteArray() << QByteArray("text/html")
                                     << metas("2;url=/a", "1;url=/b") << int(HopVia::MetaRefresh)
                                     << "http://a.example/b";
    QTest::newRow("nothing") << QByteArray() << QByteArray("text/html") << QByteArray("<p>hi") << -1 << "";
}

void TestRefresh::find()
{
    QFETCH(QByteArray, refreshHeader);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, via);
    QFETCH(QString, url);
    HeaderList headers{{QByteArrayLiteral("Content-Type"), contentType}};
    for (const QByteArray &line : refreshHeader.split('\n')) {
        if (!line.isEmpty())
            headers.append({QByteArrayLiteral("Refresh"), line});
    }
    const std::optional<FoundRefresh> found = findRefresh(headers, body, kBase);
    QCOMPARE(found.has_value(), via >= 0);
    if (!found)
        return;
    QCOMPARE(int(found->via), via);
    QCOMPARE(found->directive.url.toString(), url);
}

QTEST_GUILESS_MAIN(TestRefresh)
#include "tst_refresh.moc"
