// Real curl 7.88.1 against the engine's curl profile on the same in-process server: each curl command line
// is run by curl, then read by the curl import and traced by the engine, and every request the server got
// from the one is compared byte for byte (request line, header lines, body) with the other's, hop by hop.
// docs/spec/curl-requests.md lists the rules these rows cover.
#include "core/formats/curlcommand.h"
#include "core/formats/curlexport.h"
#include "support/enginerunner.h"
#include "support/processrun.h"
#include "support/scriptedserver.h"

#include <QStandardPaths>
#include <QTemporaryFile>

using namespace Rwb;
using namespace Rwb::Test;

class tst_CurlParity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sameBytesAsCurl_data();
    void sameBytesAsCurl();
    void largeBodyAsksToContinue();

private:
    // What the server received from real curl run with `args` and then `url`.
    QList<ReceivedRequest> runCurl(const QStringList &args, const QString &url);
    // What the server received from the engine tracing `request` with `options` (its recorded hops too).
    QList<ReceivedRequest> runEngine(const RequestSpec &request, Options options, Trace *trace);

    QString m_curl;
    ScriptedServer *m_server = nullptr;
};

void tst_CurlParity::initTestCase()
{
    m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    QVERIFY2(!m_curl.isEmpty(), "curl is missing: it is the reference client (scripts/deps.sh installs it)");
    const RwbTest::ProcessRun version = RwbTest::runProcess(m_curl, {QStringLiteral("--version")});
    QVERIFY2(version.out.startsWith("curl 7.88.1 "),
             qPrintable(QStringLiteral("these rows were measured with curl 7.88.1, not: ")
                        + QString::fromUtf8(version.out.left(40))));
}

void tst_CurlParity::init()
{
    m_server = new ScriptedServer(this);
    QVERIFY(m_server->listen());
    for (const int status : {301, 302, 303, 307, 308})
        m_server->on("/r/" + QByteArray::number(status), ScriptedServer::redirect(status, "/final"));
    m_server->setDefaultHandler([](const ReceivedRequest &) {
        Reply r;
        r.body = QByteArrayLiteral("ok");
        return r;
    });
}

void tst_CurlParity::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

QList<ReceivedRequest> tst_CurlParity::runCurl(const QStringList &args, const QString &url)
{
    m_server->clearRequests();
    // -q: no ~/.curlrc; no proxy from the environment.
    const QStringList fixed{QStringLiteral("-q"), QStringLiteral("--noproxy"), QStringLiteral("*"),
                            QStringLiteral("-s"), QStringLiteral("-o"),        QStringLiteral("/dev/null")};
    const RwbTest::ProcessRun run = RwbTest::runProcess(m_curl, fixed + args + QStringList{url});
    if (!run.finished || run.exitCode != 0)
        qWarning("curl: %s", qPrintable(run.describe()));
    return m_server->requests();
}

QList<ReceivedRequest> tst_CurlParity::runEngine(const RequestSpec &request, Options options, Trace *trace)
{
    m_server->clearRequests();
    options.timeoutMs = 10000;
    Engine engine;
    if (!runToEnd(engine, request, options))
        qWarning("the engine did not finish");
    *trace = engine.trace();
    return m_server->requests();
}

void tst_CurlParity::sameBytesAsCurl_data()
{
    QTest::addColumn<QStringList>("args");  // curl's options, before the URL
    QTest::addColumn<QString>("path");
    const auto row = [](const char *name, const char *path, const QStringList &args) {
        QTest::newRow(name) << args << QString::fromLatin1(path);
    };
    const auto L = [](std::initializer_list<const char *> words) {
        QStringList out;
        for (const char *w : words)
            out << QString::fromUtf8(w);
        return out;
    };
    row("plain GET", "/plain", {});
    row("-d form", "/form", L({"-d", "a=1&b=2"}));
    row("-d empty", "/form", L({"-d", ""}));
    row("--data-binary", "/bin", L({"--data-binary", "x y"}));
    row("-X POST no body", "/xpost", L({"-X", "POST"}));
    row("-X PUT -d", "/put", L({"-X", "PUT", "-d", "z"}));
    row("-I", "/head", L({"-I"}));
    row("-H Host", "/host", L({"-H", "Host: example.test"}));
    row("-H User-Agent", "/ua", L({"-H", "User-Agent: custom"}));
    row("-H Accept", "/acc", L({"-H", "Accept: text/html"}));
    row("-H Accept: removes", "/noacc", L({"-H", "Accept:"}));
    row("-H User-Agent: removes", "/noua", L({"-H", "User-Agent:"}));
    row("-H Host: removes", "/nohost", L({"-H", "Host:"}));
    row("-H Content-Type: removes", "/noctype", L({"-H", "Content-Type:", "-d", "q=1"}));
    row("-H 'X-Empty;' sends empty", "/empty", L({"-H", "X-Empty;"}));
    row("-H 'X-A:' after X-A: 1 keeps it", "/dupremove", L({"-H", "X-A: 1", "-H", "X-A:"}));
    row("-H twice", "/dup", L({"-H", "X-A: 1", "-H", "X-A: 2"}));
    row("-H order and case", "/case", L({"-H", "x-lower: v", "-H", "Accept-Language: de"}));
    row("-H Content-Type with -d", "/ctype",
        L({"-H", "X-C: 1", "-H", "Content-Type: text/plain", "-d", "q=1"}));
    row("-H Authorization Bearer", "/bearer", L({"-H", "Authorization: Bearer t"}));
    row("-u", "/auth", L({"-u", "user:pw"}));
    row("-A", "/agent", L({"-A", "agent/1"}));
    row("-A empty", "/agent", L({"-A", ""}));
    row("-b", "/cookie", L({"-b", "a=1"}));
    row("-u -A -b -H -d", "/combo",
        L({"-u", "user:pw", "-A", "ag", "-b", "a=1", "-H", "X-C: 1", "-d", "q=1"}));
    for (const char *status : {"301", "302", "303", "307", "308"}) {
        const QByteArray path = QByteArray("/r/") + status;
        QTest::newRow(qPrintable(QStringLiteral("-L -d %1").arg(QLatin1String(status))))
            << L({"-L", "-d", "a=1"}) << QString::fromLatin1(path);
        QTest::newRow(qPrintable(QStringLiteral("-L GET %1").arg(QLatin1String(status))))
            << L({"-L"}) << QString::fromLatin1(path);
    }
    row("-L --data-binary typed 303", "/r/303",
        L({"-L", "--data-binary", "a=1", "-H", "Content-Type: text/plain"}));
    row("-L --data-binary typed 307", "/r/307",
        L({"-L", "--data-binary", "a=1", "-H", "Content-Type: text/plain"}));
    row("-L -d empty 307", "/r/307", L({"-L", "-d", ""}));
    row("-L -X POST 302", "/r/302", L({"-L", "-X", "POST"}));
    row("-L -X POST 307", "/r/307", L({"-L", "-X", "POST"}));
    row("-L -X POST -d 301", "/r/301", L({"-L", "-X", "POST", "-d", "a=1"}));
    row("-L -X POST -d 303", "/r/303", L({"-L", "-X", "POST", "-d", "a=1"}));
    row("-L -u 302", "/r/302", L({"-L", "-u", "user:pw"}));
    row("-L -H -A -b 302", "/r/302", L({"-L", "-H", "X-A: 1", "-A", "ag", "-b", "a=1"}));
    row("-L -I 303", "/r/303", L({"-L", "-I"}));
    row("-L -H Accept: 308", "/r/308", L({"-L", "-H", "Accept:", "-H", "X-Empty;"}));
}

void tst_CurlParity::sameBytesAsCurl()
{
    QFETCH(QStringList, args);
    QFETCH(QString, path);
    const QString url = m_server->url(path).toString();

    const QList<ReceivedRequest> byCurl = runCurl(args, url);
    QVERIFY(!byCurl.isEmpty());

    QStringList words{QStringLiteral("curl")};
    for (const QString &a : std::as_const(args) + QStringList{url})
        words << shellQuote(a.toUtf8());
    const CurlParseResult parsed = parseCurlCommand(words.join(QLatin1Char(' ')));
    QVERIFY2(parsed.command, qPrintable(parsed.error));
    Trace trace;
    const QList<ReceivedRequest> byRwb = runEngine(parsed.command->request, parsed.command->options, &trace);

    QCOMPARE(byRwb.size(), byCurl.size());
    for (qsizetype i = 0; i < byCurl.size(); ++i) {
        QCOMPARE(byRwb.at(i).raw, byCurl.at(i).raw);
        // And the hop records what went out.
        QCOMPARE(trace.hops.at(i).request.headers, byRwb.at(i).headers);
    }
}

void tst_CurlParity::largeBodyAsksToContinue()
{
    // Above 1 MiB curl sends Expect: 100-continue (after Content-Type) and waits up to a second for the
    // interim response before the body; the server here sends none, so both send the body unasked.
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray body(1024 * 1024 + 1, 'b');
    file.write(body);
    file.flush();
    const QString url = m_server->url(QStringLiteral("/big")).toString();
    const QList<ReceivedRequest> byCurl =
        runCurl({QStringLiteral("--data-binary"), QLatin1Char('@') + file.fileName()}, url);
    QCOMPARE(byCurl.size(), 1);
    QCOMPARE(byCurl.at(0).header("Expect"), QByteArray("100-continue"));

    RequestSpec spec = request(QUrl(url), "POST", body);
    Trace trace;
    const QList<ReceivedRequest> byRwb = runEngine(spec, profileOptions(Profile::Curl), &trace);
    QCOMPARE(byRwb.size(), 1);
    QCOMPARE(byRwb.at(0).raw, byCurl.at(0).raw);

    // At exactly 1 MiB neither asks.
    spec.body.chop(1);
    QCOMPARE(runEngine(spec, profileOptions(Profile::Curl), &trace).at(0).header("Expect"), QByteArray());
}

QTEST_GUILESS_MAIN(tst_CurlParity)
#include "tst_curlparity.moc"
