// The hop inspector's parts: the header table model (checked by QAbstractItemModelTester) and the
// body view (pretty JSON/XML, text by charset, hex, size wording, saving only what was received).
#include "widgets/bodyview.h"
#include "workbench/bodyformat.h"
#include "workbench/headertablemodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Rwb;

Q_DECLARE_METATYPE(Rwb::BodyView::Mode)
Q_DECLARE_METATYPE(Rwb::BodyView::Rendering)

class tst_BodyView : public QObject
{
    Q_OBJECT

private slots:
    void headerTableModel_passesModelTester();
    void headerTableModel_keepsDuplicatesAsRows();
    void bodyView_modes_data();
    void bodyView_modes();
    void prettyHtml_onlyMovesWhitespace();
    void prettyPrinters_keepUnicodeSpaces_data();
    void prettyPrinters_keepUnicodeSpaces();
    void bodyView_sizeText_data();
    void bodyView_sizeText();
    void bodyView_largeBodyShowsQuickly();
    void bodyView_savesPreviewAndSaysSo();
};

void tst_BodyView::headerTableModel_passesModelTester()
{
    HeaderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeaders({{"A", "1"}, {"B", "2"}});
    QCOMPARE(model.columnCount(), 2);
    model.setHeaders({{"A", "1"}}, {QStringLiteral("mark")});
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Note"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_BodyView::headerTableModel_keepsDuplicatesAsRows()
{
    HeaderTableModel model;
    model.setHeaders({{"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}, {"X-Long", QByteArray(500, 'v')}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("set-cookie"));
    QCOMPARE(model.data(model.index(1, 1)).toString(), QStringLiteral("b=2"));
    QCOMPARE(model.data(model.index(2, 1), Qt::ToolTipRole).toString(),
             QStringLiteral("X-Long: ") + QString(500, QLatin1Char('v')));
    QVERIFY(model.data(model.index(0, 1), Qt::FontRole).value<QFont>().fixedPitch()
            || model.data(model.index(0, 1), Qt::FontRole).isValid());
    QCOMPARE(model.allText(),
             QStringLiteral("Set-Cookie: a=1\nset-cookie: b=2\nX-Long: ") + QString(500, QLatin1Char('v')));
    // Bytes that are not UTF-8 are shown one character per byte, never as replacement characters.
    model.setHeaders({{"X", "caf\xe9"}});
    QCOMPARE(model.data(model.index(0, 1)).toString(), QString::fromLatin1("caf\xe9"));
}

void tst_BodyView::bodyView_modes_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<BodyView::Mode>("mode");
    QTest::addColumn<BodyView::Rendering>("rendering");
    QTest::addColumn<QString>("expected");  // the whole text, or a part of it ending in "…"

    using M = BodyView::Mode;
    using R = BodyView::Rendering;
    QTest::newRow("json pretty keeps key order")
        << QByteArray("application/json") << QByteArray(R"({"b":1,"a":[1,2.50],"e":{},"s":"x,{y}"})")
        << M::Auto << R::Json
        << QStringLiteral("{\n    \"b\": 1,\n    \"a\": [\n        1,\n        2.50\n    ],\n"
                          "    \"e\": {},\n    \"s\": \"x,{y}\"\n}");
    QTest::newRow("json raw") << QByteArray("application/json") << QByteArray(R"({"b":1})") << M::Raw
                              << R::Text << QStringLiteral(R"({"b":1})");
    QTest::newRow("json cut short falls back to text")
        << QByteArray("application/json") << QByteArray(R"({"b":[1,2)") << M::Auto << R::Text
        << QStringLiteral(R"({"b":[1,2)");
    QTest::newRow("xml pretty") << QByteArray("application/xml; charset=utf-8")
                                << QByteArray(R"(<r><a x="1">t</a><b/></r>)") << M::Pretty << R::Xml
                                << QStringLiteral("<r>\n  <a x=\"1\">t</a>\n  <b/>\n</r>");
    QTest::newRow("xml declaration kept")
        << QByteArray("text/xml") << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>\n<a/></r>")
        << M::Auto << R::Xml
        << QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>\n  <a/>\n</r>");
    QTest::newRow("xml spelled as sent: quotes, empty pair, entity, comment, CDATA")
        << QByteArray("application/xml")
        << QByteArray("<r><a></a><b x='1' />\n\n<c>&amp;</c><!-- n --><![CDATA[ <x> ]]></r>") << M::Auto
        << R::Xml
        << QStringLiteral(
               "<r>\n  <a></a>\n  <b x='1' />\n  <c>&amp;</c>\n  <!-- n -->\n  <![CDATA[ <x> ]]>\n</r>");
    QTest::newRow("xml mixed content, doctype with an internal subset")
        << QByteArray("text/xml")
        << QByteArray("<!DOCTYPE p [<!ENTITY e \"x>y\">]><p>Hello <b>x</b> there&e;</p>") << M::Auto << R::Xml
        << QStringLiteral("<!DOCTYPE p [<!ENTITY e \"x>y\">]>\n<p>\n  Hello\n  <b>x</b>\n  there&e;\n</p>");
    QTest::newRow("xml in its declared encoding")
        << QByteArray("application/xml")
        << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\xe9</r>") << M::Auto << R::Xml
        << QStringLiteral("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r>café</r>");
    QTest::newRow("xml cut short falls back to text")
        << QByteArray("application/xml") << QByteArray("<r><a>t</a><b") << M::Auto << R::Text
        << QStringLiteral("<r><a>t</a><b");
    QTest::newRow("text latin-1") << QByteArray("text/plain; charset=ISO-8859-1") << QByteArray("caf\xe9")
                                  << M::Auto << R::Text << QStringLiteral("café");
    QTest::newRow("text utf-8 default") << QByteArray("text/plain") << QByteArray("caf\xc3\xa9") << M::Auto
                                        << R::Text << QStringLiteral("café");
    QTest::newRow("html pretty: blocks indented, a paragraph on one line")
        << QByteArray("text/html; charset=utf-8")
        << QByteArray(
               "<!DOCTYPE html><html><head><title>Moved</title>\n  <meta charset=\"utf-8\"></head>"
               "<body><h1>301   Moved</h1><p>\n  See <a  href=\"/new\">/new</a>.\n</p><hr/></body></html>")
        << M::Auto << R::Html
        << QStringLiteral(
               "<!DOCTYPE html>\n<html>\n  <head>\n    <title>Moved</title>\n    <meta charset=\"utf-8\">\n"
               "  </head>\n  <body>\n    <h1>301 Moved</h1>\n    <p>See <a href=\"/new\">/new</a>.</p>\n"
               "    <hr/>\n  </body>\n</html>");
    QTest::newRow("html: optional end tags, br breaks the line, comment on its own line")
        << QByteArray("text/html") << QByteArray("<ul><li>one<li>two<br>three</ul><!-- x --><p>a<p>b")
        << M::Auto << R::Html
        << QStringLiteral("<ul>\n  <li>one\n  <li>two<br>\n    three\n</ul>\n<!-- x -->\n<p>a\n<p>b");
    QTest::newRow("html: script re-indented, pre kept as sent, attribute spaces kept")
        << QByteArray("text/html")
        << QByteArray("<div title=\"a  b\"><script>\n      var x = 1;\n        go(x);\n</script>"
                      "<pre>  keep\n   this</pre></div>")
        << M::Auto << R::Html
        << QStringLiteral("<div title=\"a  b\">\n  <script>\n    var x = 1;\n      go(x);\n  </script>\n"
                          "  <pre>  keep\n   this</pre>\n</div>");
    QTest::newRow("html cut short inside a tag: the rest as text")
        << QByteArray("text/html") << QByteArray("<div><p>x</p><a hr") << M::Auto << R::Html
        << QStringLiteral("<div>\n  <p>x</p>\n  <a hr");
    QTest::newRow("html sniffed without a type")
        << QByteArray() << QByteArray("<html><body>hi</body></html>") << M::Auto << R::Html
        << QStringLiteral("<html>\n  <body>\n    hi\n  </body>\n</html>");
    QTest::newRow("html with no tag: text") << QByteArray("text/html") << QByteArray("just a < b") << M::Auto
                                            << R::Text << QStringLiteral("just a < b");
    QTest::newRow("html raw") << QByteArray("text/html") << QByteArray("<p>hi</p>") << M::Raw << R::Text
                              << QStringLiteral("<p>hi</p>");
    QTest::newRow("binary as hex")
        << QByteArray("image/png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDRxy", 18) << M::Auto << R::Hex
        << QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|\n"
                          "00000010  78 79                                             |xy|");
    QTest::newRow("no type, NUL bytes: hex") << QByteArray() << QByteArray("a\0b", 3) << M::Auto << R::Hex
                                             << QStringLiteral("00000000  61 00 62…");
    // Found writing the pretty-JSON fuzzer: the UTF-8 check of the sniffing never decoded anything.
    QTest::newRow("no type, not UTF-8: hex") << QByteArray() << QByteArray("caf\xe9 au lait") << M::Auto
                                             << R::Hex << QStringLiteral("00000000  63 61 66 e9…");
    QTest::newRow("text forced to hex") << QByteArray("text/plain") << QByteArray("hi") << M::Hex << R::Hex
                                        << QStringLiteral("00000000  68 69…");
    QTest::newRow("empty") << QByteArray("text/plain") << QByteArray() << M::Auto << R::None << QString();
}

void tst_BodyView::bodyView_modes()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(BodyView::Mode, mode);
    QFETCH(BodyView::Rendering, rendering);
    QFETCH(QString, expected);
    BodyView view;
    view.setMode(mode);
    view.setBody(body, contentType, body.size(), false);
    QCOMPARE(view.rendering(), rendering);
    if (expected.endsWith(QChar(0x2026)))
        QVERIFY2(view.text().startsWith(expected.chopped(1)), qPrintable(view.text()));
    else
        QCOMPARE(view.text(), expected);
}

// Whatever the markup, broken or cut short, the pretty form holds the same characters but whitespace.
void tst_BodyView::prettyHtml_onlyMovesWhitespace()
{
    static const char *const pieces[] = {"<",  ">",   "</", "/>",  "p",   "li",  "script", "pre",     "a",
                                         " ",  "\n",  "\"", "'",   "=",   "x",   "<!--",   "-->",     "<!",
                                         "br", "div", "ul", "<p>", "</p", "<li", "<pre>",  "<script>"};
    const auto squeeze = [](const QString &text) {
        QString out;
        for (QChar c : text) {
            if (!c.isSpace())
                out += c;
        }
        return out;
    };
    QRandomGenerator random(20261201);  // fixed: a failure repeats
    for (int round = 0; round < 3000; ++round) {
        QString html;
        const int n = int(random.bounded(40));
        for (int i = 0; i < n; ++i)
            html += QLatin1String(pieces[random.bounded(int(std::size(pieces)))]);
        const QString pretty = prettyHtml(html);
        if (pretty.isNull())
            continue;  // no tag: shown as text
        QVERIFY2(squeeze(pretty) == squeeze(html), qPrintable(html + QStringLiteral("\n---\n") + pretty));
    }
}

// Only HTML's and XML's own whitespace moves: a no-break space (U+00A0), an em space (U+2003) or an
// ideographic space (U+3000) is text, as sent (found by the pretty-printer fuzzers: they became spaces or
// were trimmed away).
void tst_BodyView::prettyPrinters_keepUnicodeSpaces_data()
{
    QTest::addColumn<bool>("xml");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("pretty");
    const QString nbsp(QChar(0x00A0));
    const QString em(QChar(0x2003));
    const QString ideographic(QChar(0x3000));
    QTest::newRow("html text") << false
                               << (QLatin1String("<p>a") + nbsp + QLatin1String("b ") + ideographic + em
                                   + QLatin1String("c</p>"))
                               << (QLatin1String("<p>a") + nbsp + QLatin1String("b ") + ideographic + em
                                   + QLatin1String("c</p>"));
    QTest::newRow("html text alone in a block")
        << false << (QLatin1String("<div>") + nbsp + QLatin1String("</div>"))
        << (QLatin1String("<div>\n  ") + nbsp + QLatin1String("\n</div>"));
    QTest::newRow("html tag") << false << (QLatin1String("<div") + nbsp + QLatin1String("a=1>"))
                              << (QLatin1String("<div") + nbsp + QLatin1String("a=1>"));
    QTest::newRow("html script lines")
        << false << (QLatin1String("<script>\n") + em + QLatin1String("x\n</script>"))
        << (QLatin1String("<script>\n  ") + em + QLatin1String("x\n</script>"));
    QTest::newRow("html cut declaration")
        << false << (QLatin1String("<!x") + nbsp) << (QLatin1String("<!x") + nbsp);
    QTest::newRow("xml text") << true
                              << (QLatin1String("<r><a>") + nbsp + QLatin1String("x") + ideographic
                                  + QLatin1String("</a></r>"))
                              << (QLatin1String("<r>\n  <a>") + nbsp + QLatin1String("x") + ideographic
                                  + QLatin1String("</a>\n</r>"));
}

void tst_BodyView::prettyPrinters_keepUnicodeSpaces()
{
    QFETCH(bool, xml);
    QFETCH(QString, body);
    QFETCH(QString, pretty);
    QCOMPARE(xml ? prettyXml(body.toUtf8()) : prettyHtml(body), pretty);
}

void tst_BodyView::bodyView_sizeText_data()
{
    QTest::addColumn<int>("previewSize");
    QTest::addColumn<qint64>("totalSize");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<QString>("expected");
    QTest::newRow("cut preview") << 64 * 1024 << qint64(3355443) << true
                                 << QStringLiteral("showing 64 KiB of 3.2 MiB");
    QTest::newRow("complete KiB") << 1229 << qint64(1229) << false << QStringLiteral("1.2 KiB");
    QTest::newRow("bytes") << 12 << qint64(12) << false << QStringLiteral("12 bytes");
    QTest::newRow("one byte") << 1 << qint64(1) << false << QStringLiteral("1 byte");
    QTest::newRow("empty") << 0 << qint64(0) << false << QStringLiteral("No body");
}

void tst_BodyView::bodyView_sizeText()
{
    QFETCH(int, previewSize);
    QFETCH(qint64, totalSize);
    QFETCH(bool, truncated);
    QFETCH(QString, expected);
    BodyView view;
    view.setBody(QByteArray(previewSize, 'a'), "text/plain", totalSize, truncated);
    QCOMPARE(view.sizeText(), expected);
    QVERIFY(view.infoText().contains(expected));
}

void tst_BodyView::bodyView_largeBodyShowsQuickly()
{
    QByteArray binary(64 * 1024, '\0');
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = char(i * 7);
    QByteArray json = "[";
    while (json.size() < 64 * 1024)
        json += R"({"id":12345,"name":"item"},)";
    json.chop(1);
    json += ']';
    BodyView view;
    view.resize(800, 600);
    view.show();
    QElapsedTimer timer;
    timer.start();
    view.setBody(binary, "application/octet-stream", 3355443, true);
    QCOMPARE(view.rendering(), BodyView::Rendering::Hex);
    QCOMPARE(view.text().count(QLatin1Char('\n')), 64 * 1024 / 16 - 1);
    view.setBody(json, "application/json", json.size(), false);
    QCOMPARE(view.rendering(), BodyView::Rendering::Json);
    QCoreApplication::processEvents();
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void tst_BodyView::bodyView_savesPreviewAndSaysSo()
{
    const QByteArray preview(1024, 'z');
    BodyView view;
    view.setBody(preview, "application/json", 5000, true);
    QVERIFY(view.isPreviewOnly());
    QCOMPARE(view.defaultFileName(), QStringLiteral("body-preview.json"));
    QVERIFY(view.saveButton()->text().contains(QLatin1String("preview")));
    QVERIFY(view.saveButton()->toolTip().contains(QLatin1String("not the full body")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(view.defaultFileName());
    QVERIFY(view.saveTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), preview);

    view.setBody("{}", "application/json", 2, false);
    QCOMPARE(view.defaultFileName(), QStringLiteral("body.json"));
    QCOMPARE(view.saveButton()->text(), QStringLiteral("Save full body…"));
    QString error;
    QVERIFY(!view.saveTo(dir.filePath(QStringLiteral("missing/dir/x.json")), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(tst_BodyView)
#include "tst_bodyview.moc"
