// --connect-to and --resolve in the engine (issue 15 item 3): the connection goes where the rule says, the
// request still names the URL's host (Host header, TLS name check), each hop records the address it was
// connected to and whether the connection was reused, and a bad rule sends nothing.
#include "core/engine/engine.h"
#include "support/enginerunner.h"
#include "support/scriptedserver.h"

#include <QTest>

using namespace Rwb;
using namespace Rwb::Test;

class tst_EngineAddresses : public QObject
{
    Q_OBJECT

private slots:
    void resolveSendsTheNameToTheAddress();
    void connectToKeepsHostHeader();
    void addressesTriedInOrder();
    void tlsChecksTheUrlsHost();
    void badRuleSendsNothing();
};

namespace {

bool hasNote(const Hop &hop, NoteCode code)
{
    return !noteText(hop, code).isEmpty();
}

}  // namespace

void tst_EngineAddresses::resolveSendsTheNameToTheAddress()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("/start", ScriptedServer::redirect(302, "/echo"));
    server.on("/echo", &ScriptedServer::echo);
    const QString port = QString::number(server.port());
    Options o = profileOptions(Profile::Curl);
    o.resolve = {QStringLiteral("origin.test:%1:127.0.0.1").arg(port)};
    Engine engine;
    QVERIFY(runToEnd(engine, request(QUrl(QStringLiteral("http://origin.test:%1/start").arg(port))), o));
    const Trace &t = engine.trace();
    QVERIFY2(t.outcome.kind == OutcomeKind::Final, qPrintable(t.outcome.message));
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(server.requests().first().header("Host"), QStringLiteral("origin.test:%1").arg(port).toLatin1());
    const Hop &first = t.hops.at(0);
    QCOMPARE(first.connection.address, QStringLiteral("127.0.0.1"));
    QCOMPARE(first.connection.port, int(server.port()));
    QVERIFY(!first.connection.reused);
    QVERIFY(hasNote(first, NoteCode::AddressOverride));
    QCOMPARE(
        noteText(first, NoteCode::AddressOverride),
        QStringLiteral("Connected to 127.0.0.1:%1 for origin.test:%1 (--resolve origin.test:%1:127.0.0.1)")
            .arg(port));
    QVERIFY(t.hops.at(1).connection.reused);  // the same connection, said once
    QVERIFY(!hasNote(t.hops.at(1), NoteCode::AddressOverride));
    QCOMPARE(server.connectionCount(), 1);
}

void tst_EngineAddresses::connectToKeepsHostHeader()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("/echo", &ScriptedServer::echo);
    Options o = profileOptions(Profile::Browser);
    o.connectTo = {QStringLiteral("a.test:80:127.0.0.1:%1").arg(server.port())};
    Engine engine;
    QVERIFY(runToEnd(engine, request(QUrl(QStringLiteral("http://a.test/echo"))), o));
    QVERIFY2(engine.trace().outcome.kind == OutcomeKind::Final, qPrintable(engine.trace().outcome.message));
    QCOMPARE(server.requests().first().header("Host"), QByteArray("a.test"));
    QCOMPARE(engine.trace().hops.first().connection.port, int(server.port()));
}

// curl tries the addresses of a rule in turn: 127.0.0.2 (loopback, nothing listening there) first.
void tst_EngineAddresses::addressesTriedInOrder()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("/echo", &ScriptedServer::echo);
    Options o = profileOptions(Profile::Strict);
    o.resolve = {QStringLiteral("a.test:%1:127.0.0.2,127.0.0.1").arg(server.port())};
    Engine engine;
    QVERIFY(runToEnd(engine, request(QUrl(QStringLiteral("http://a.test:%1/echo").arg(server.port()))), o));
    QVERIFY2(engine.trace().outcome.kind == OutcomeKind::Final, qPrintable(engine.trace().outcome.message));
    QCOMPARE(engine.trace().hops.first().connection.address, QStringLiteral("127.0.0.1"));

    o.resolve = {QStringLiteral("a.test:%1:127.0.0.2").arg(server.port())};  // nothing there: refused
    Engine refused;
    QVERIFY(runToEnd(refused, request(QUrl(QStringLiteral("http://a.test:%1/echo").arg(server.port()))), o));
    QCOMPARE(refused.trace().outcome.kind, OutcomeKind::NetworkError);
    QCOMPARE(refused.trace().hops.first().error->code, QStringLiteral("connection-refused"));
}

// The certificate is checked against the URL's host whatever the address: "localhost" matches the test
// certificate (only its being self-signed is found), "other.test" does not.
void tst_EngineAddresses::tlsChecksTheUrlsHost()
{
    ScriptedServer tls;
    QVERIFY(tls.listen(ScriptedServer::Mode::Tls));
    tls.on("/echo", &ScriptedServer::echo);
    for (const QString &host : {QStringLiteral("localhost"), QStringLiteral("other.test")}) {
        Options o = profileOptions(Profile::Curl);
        o.acceptTlsErrors = true;
        o.resolve = {QStringLiteral("%1:%2:127.0.0.1").arg(host).arg(tls.port())};
        Engine engine;
        QVERIFY(runToEnd(engine,
                         request(QUrl(QStringLiteral("https://%1:%2/echo").arg(host).arg(tls.port()))), o));
        const Trace &t = engine.trace();
        QVERIFY2(t.outcome.kind == OutcomeKind::Final, qPrintable(t.outcome.message));
        const QString errors = t.hops.first().tls.errors.join(QLatin1Char(' '));
        QVERIFY2(errors.contains(QLatin1String("self-signed")), qPrintable(errors));
        QCOMPARE(errors.contains(QLatin1String("host name did not match")),
                 host != QLatin1String("localhost"));
        QCOMPARE(tls.requests().constLast().header("Host"),
                 QStringLiteral("%1:%2").arg(host).arg(tls.port()).toLatin1());
    }
}

void tst_EngineAddresses::badRuleSendsNothing()
{
    Options o = profileOptions(Profile::Curl);
    o.resolve = {QStringLiteral("a.test:80:not-an-address")};
    Engine engine;
    QVERIFY(runToEnd(engine, request(QUrl(QStringLiteral("http://a.test/"))), o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::NetworkError);
    QVERIFY(engine.trace().hops.isEmpty());
    QCOMPARE(engine.trace().outcome.message,
             QStringLiteral(
                 "Not sent: --resolve 'a.test:80:not-an-address': 'not-an-address' is not an IP address "
                 "(HOST:PORT:ADDRESS[,ADDRESS...], an IPv6 address in brackets)"));
}

QTEST_GUILESS_MAIN(tst_EngineAddresses)
#include "tst_engine_addresses.moc"
