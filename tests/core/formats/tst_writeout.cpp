// curl's --write-out over a trace: every variable against a trace whose figures are known, curl's
// escapes, and an unknown variable named.
#include "core/formats/writeout.h"

#include <QTest>

using namespace Rwb;

namespace {

// Two hops: https on a new connection (phases known), then http on a reused one; then a 200.
Trace sampleTrace()
{
    Trace t;
    Hop a;
    a.request.method = "GET";
    a.request.url = QUrl(QStringLiteral("https://a.test/old"));
    a.timing = {0, 30, 31, {1, 2, 3, 4, 0.5, 20, 0.5}};  // namelookup 3, connect 6, tls 10, first byte 30.5
    WireResponse r1;
    r1.status = 301;
    r1.httpVersion = "1.1";
    r1.location = QUrl(QStringLiteral("http://b.test/new"));
    a.response = r1;
    Hop b;
    b.index = 1;
    b.request.method = "GET";
    b.request.url = QUrl(QStringLiteral("http://b.test/new"));
    b.timing = {40, 90, 100, {0.5, -1, -1, -1, 0.5, 49, 10}};  // first byte at 50
    WireResponse r2;
    r2.status = 200;
    r2.httpVersion = "1.1";
    r2.bodySize = 1234;
    r2.headers = {{"Content-Type", "text/html"}};
    b.response = r2;
    b.connection = {QStringLiteral("192.0.2.7"), 80, true, {}, {}, {}};
    t.hops = {a, b};
    return t;
}

}  // namespace

class tst_WriteOut : public QObject
{
    Q_OBJECT

private slots:
    void variables_data();
    void variables();
    void unknownVariableNamed();
};

void tst_WriteOut::variables_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("expected");
    const auto row = [](const char *format, const char *expected) {
        QTest::newRow(format) << QString::fromUtf8(format) << QByteArray(expected);
    };
    // Each time adds up the hops' own, as curl's do over redirects; appconnect only for https hops.
    row("%{time_namelookup}", "0.003500");     // 3 + 0.5
    row("%{time_connect}", "0.006500");        // 6 + 0.5
    row("%{time_appconnect}", "0.010000");     // 10 + nothing for http
    row("%{time_pretransfer}", "0.010500");    // 10 + 0.5
    row("%{time_starttransfer}", "0.080500");  // 30.5 + 50
    row("%{time_total}", "0.100000");
    row("%{time_redirect}", "0.040000");
    row("%{num_redirects}", "1");
    row("%{url_effective}", "http://b.test/new");
    row("%{http_code} %{http_version}", "200 1.1");
    row("%{remote_ip}:%{remote_port}", "192.0.2.7:80");
    row("%{size_download} %{content_type} %{method}", "1234 text/html GET");
    row("[%{redirect_url}]", "[]");
    row("100%% done\\n\\t%{", "100% done\n\t%{");
}

void tst_WriteOut::variables()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, expected);
    QString error;
    QCOMPARE(writeOut(format, sampleTrace(), &error).value_or("(failed)"), expected);
    QVERIFY(error.isEmpty());
}

void tst_WriteOut::unknownVariableNamed()
{
    QString error;
    QVERIFY(!writeOut(QStringLiteral("%{time_total} %{speed_download}"), Trace(), &error));
    QVERIFY2(error.startsWith(QLatin1String("unknown --write-out variable %{speed_download} (known: ")),
             qPrintable(error));
    // An empty trace (nothing was sent) still writes every variable.
    const std::optional<QByteArray> empty =
        writeOut(writeOutVariables()
                     .replaceInStrings(QRegularExpression(QStringLiteral("^(.*)$")), QStringLiteral("%{\\1}"))
                     .join(QLatin1Char(' ')),
                 Trace(), &error);
    QVERIFY(empty);
    QVERIFY(empty->contains("000"));  // http_code
}

QTEST_GUILESS_MAIN(tst_WriteOut)
#include "tst_writeout.moc"
