// Exercises ScriptedServer through raw QTcpSocket/QSslSocket clients (never through the code under test).
#include "rawhttpclient.h"
#include "support/scriptedserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <QtEndian>

#include <memory>
#include <vector>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Rwb::Test;

static const QByteArray simpleGet = "GET /x HTTP/1.1\r\nHost: t\r\n\r\n";

class TestScriptedServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urls();
    void parsesHeadersInOrderWithDuplicates();
    void chunkedRequestBodyAndChunkedReply();
    void keepAliveAndPipelining();
    void rawReplyIsVerbatim();
    void delayIsHonoured();
    void resetAbortsTheConnection();
    void closeAndClientClose();
    void silentNeverAnswers();
    void headAndBodylessStatuses();
    void malformedRequestGets400();
    void redirectAndDefaultHandlers();
    void secondServerOnLocalhost();
    void tlsHandshake_data();
    void tlsHandshake();
    void streamsLargeBody_data();
    void streamsLargeBody();
    void destructorClosesBusyConnections();
};

void TestScriptedServer::urls()
{
    ScriptedServer server;
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    QVERIFY(server.isListening());
    QVERIFY(server.port() > 0);
    const quint16 port = server.port();
    QCOMPARE(server.url(QStringLiteral("/a?b=1")),
             QUrl(QStringLiteral("http://127.0.0.1:%1/a?b=1").arg(port)));
    QCOMPARE(server.url(QStringLiteral("a")), QUrl(QStringLiteral("http://127.0.0.1:%1/a").arg(port)));
    QCOMPARE(server.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/p")),
             QUrl(QStringLiteral("http://localhost:%1/p").arg(port)));
    QVERIFY2(server.listen(ScriptedServer::Mode::Tls), qPrintable(server.errorString()));
    QCOMPARE(server.url(QStringLiteral("/s")).scheme(), QStringLiteral("https"));
}

void TestScriptedServer::parsesHeadersInOrderWithDuplicates()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    QSignalSpy spy(&server, &ScriptedServer::requestReceived);
    Reply reply;
    reply.reason = "Fine Thanks";
    reply.addHeader("Set-Cookie", "a=1; Path=/").addHeader("X-Other", "o").addHeader("Set-Cookie", "b=2");
    reply.body = "hello";
    server.on("/h", reply);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    const QByteArray request =
        "GET /h?q=1&r=%20 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Dup: one\r\nx-dup:  two \r\n"
        "Cookie: c=3\r\nEmpty:\r\n\r\n";
    client.send(request);
    const RawResponse r = client.take();
    QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 200 Fine Thanks"));
    QCOMPARE(r.values("Set-Cookie"), (QList<QByteArray>{"a=1; Path=/", "b=2"}));
    QCOMPARE(r.headers.at(1).first, QByteArray("X-Other"));  // order kept
    QCOMPARE(r.value("Content-Length"), QByteArray("5"));
    QCOMPARE(r.body, QByteArray("hello"));

    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 0);
    const ReceivedRequest got = server.requests().at(0);
    QCOMPARE(got.method, QByteArray("GET"));
    QCOMPARE(got.target, QByteArray("/h?q=1&r=%20"));
    QCOMPARE(got.path(), QByteArray("/h"));
    QCOMPARE(got.query(), QByteArray("q=1&r=%20"));
    QCOMPARE(got.version, QByteArray("HTTP/1.1"));
    const HeaderList expected{
        {"Host", "127.0.0.1"}, {"X-Dup", "one"}, {"x-dup", "two"}, {"Cookie", "c=3"}, {"Empty", ""}};
    QCOMPARE(got.headers, expected);
    QCOMPARE(got.header("X-DUP"), QByteArray("one"));
    QCOMPARE(got.headerValues("x-dup"), (QList<QByteArray>{"one", "two"}));
    QVERIFY(got.header("Missing").isNull());
    QVERIFY(got.hasHeader("empty"));
    QCOMPARE(got.raw, request);
    QCOMPARE(got.connectionId, 1);
}

void TestScriptedServer::chunkedRequestBodyAndChunkedReply()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Reply reply;
    reply.chunked = true;
    reply.body = "hello chunked world";
    server.on("/c", reply);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    const QList<QByteArray> pieces{
        "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
        "lo\r\nA;ext=1\r\n, chunked!\r\n0\r\n", "Trailer-X: y\r\n\r\n"};
    for (const QByteArray &piece : pieces) {
        QCOMPARE(server.requestCount(), 0);  // nothing before the body is complete
        client.send(piece);
        QTest::qWait(50);
    }
    QTRY_COMPARE(server.requestCount(), 1);
    QCOMPARE(server.requests().at(0).body, QByteArray("hello, chunked!"));
    QCOMPARE(server.requests().at(0).raw, pieces.join());

    const QByteArray wire = client.received;
    const RawResponse r = client.take();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value("Transfer-Encoding"), QByteArray("chunked"));
    QVERIFY(r.value("Content-Length").isNull());
    QVERIFY(wire.endsWith("\r\n\r\n13\r\nhello chunked world\r\n0\r\n\r\n"));
    QCOMPARE(r.body, QByteArray("hello chunked world"));
}

void TestScriptedServer::keepAliveAndPipelining()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("/echo", &ScriptedServer::echo);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    // Two pipelined requests in one write, the first with a body.
    client.send("POST /echo?n=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nX-A: 1\r\n\r\nbodyGET /echo?n=2 "
                "HTTP/1.1\r\n"
                "Host: t\r\n\r\n");
    const RawResponse first = client.take();
    const RawResponse second = client.take();
    const QJsonObject one = QJsonDocument::fromJson(first.body).object();
    QCOMPARE(one.value(u"method").toString(), QStringLiteral("POST"));
    QCOMPARE(one.value(u"target").toString(), QStringLiteral("/echo?n=1"));
    QCOMPARE(one.value(u"body").toString(), QStringLiteral("body"));
    QCOMPARE(one.value(u"bodySize").toInt(), 4);
    const QJsonArray headers = one.value(u"headers").toArray();
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.at(2).toArray().at(0).toString(), QStringLiteral("X-A"));
    QCOMPARE(QJsonDocument::fromJson(second.body).object().value(u"target").toString(),
             QStringLiteral("/echo?n=2"));

    client.send(simpleGet);  // a third request on the same connection, after the answers
    QCOMPARE(client.take().status, 404);
    QCOMPARE(server.requestCount(), 3);
    for (const ReceivedRequest &r : server.requests())
        QCOMPARE(r.connectionId, 1);
    QCOMPARE(server.connectionCount(), 1);

    RawHttpClient other;
    QVERIFY(other.connectTo(server));
    other.send(simpleGet);
    QCOMPARE(other.take().status, 404);
    QCOMPARE(server.requests().last().connectionId, 2);
    QCOMPARE(server.connectionCount(), 2);
    QCOMPARE(server.openConnectionCount(), 2);
    server.clearRequests();
    QCOMPARE(server.requestCount(), 0);
}

void TestScriptedServer::rawReplyIsVerbatim()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Reply reply;
    reply.raw =
        "HTTP/1.1 302 Found\r\nLocation: /a b/\xc3\xa9?x=\"1\"\r\nLocation: /second\r\nX-Bare: a\rb\r\n"
        "Content-Length: 0\r\n\r\n";
    reply.close = true;
    server.on("/raw", reply);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    client.send("GET /raw HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_VERIFY(client.closed);
    QCOMPARE(client.received, reply.raw);  // nothing added, nothing changed
}

void TestScriptedServer::delayIsHonoured()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Reply reply;
    reply.delayMs = 400;
    server.on("/slow", reply);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    QElapsedTimer timer;
    timer.start();
    client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    QTest::qWait(200);
    QCOMPARE(server.requestCount(), 1);  // received at once, answered later
    QVERIFY(client.received.isEmpty());
    QCOMPARE(client.take().status, 200);
    QVERIFY2(timer.elapsed() >= 400, QByteArray::number(timer.elapsed()).constData());
}

void TestScriptedServer::resetAbortsTheConnection()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Reply reply;
    reply.reset = true;
    server.on("/reset", reply);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    client.send("GET /reset HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_VERIFY(client.closed);
    QVERIFY(client.received.isEmpty());
    QCOMPARE(client.errors, QList<QAbstractSocket::SocketError>{QAbstractSocket::RemoteHostClosedError});
    QCOMPARE(server.requestCount(), 1);
    QTRY_COMPARE(server.openConnectionCount(), 0);

#ifdef Q_OS_UNIX
    // Qt reports a RST like a FIN (RemoteHostClosedError); a bare POSIX socket sees ECONNRESET.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = qToBigEndian<quint16>(server.port());
    address.sin_addr.s_addr = qToBigEndian<quint32>(0x7f000001);
    QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
    const QByteArray request = "GET /reset HTTP/1.1\r\nHost: t\r\n\r\n";
    QCOMPARE(qsizetype(::send(fd, request.constData(), size_t(request.size()), 0)), request.size());
    int error = 0;
    QVERIFY(QTest::qWaitFor([&] {
        char byte = 0;
        const ssize_t n = ::recv(fd, &byte, 1, MSG_DONTWAIT);
        error = n < 0 ? errno : 0;
        return n >= 0 || error != EAGAIN;
    }));
    ::close(fd);
    QCOMPARE(error, ECONNRESET);
#endif
}

void TestScriptedServer::closeAndClientClose()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Reply reply;
    reply.close = true;
    reply.body = "bye";
    server.on("/close", reply);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    client.send("GET /close HTTP/1.1\r\nHost: t\r\n\r\n");
    const RawResponse r = client.take();
    QCOMPARE(r.value("Connection"), QByteArray("close"));
    QCOMPARE(r.body, QByteArray("bye"));
    QTRY_VERIFY(client.closed);

    RawHttpClient asking;  // the client asks for the close: the server answers, then closes
    QVERIFY(asking.connectTo(server));
    asking.send("GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n" + simpleGet);
    QCOMPARE(asking.take().value("Connection"), QByteArray("close"));
    QTRY_VERIFY(asking.closed);
    QVERIFY(asking.received.isEmpty());
    QCOMPARE(server.requestCount(), 2);  // the request after "Connection: close" is ignored
    QTRY_COMPARE(server.openConnectionCount(), 0);
}

void TestScriptedServer::silentNeverAnswers()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Reply reply;
    reply.silent = true;
    server.on("/silent", reply);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    client.send("GET /silent HTTP/1.1\r\nHost: t\r\n\r\n" + simpleGet);
    QTest::qWait(500);
    QCOMPARE(server.requestCount(), 2);  // both recorded, neither answered (in-order replies)
    QVERIFY(client.received.isEmpty());
    QCOMPARE(client.socket->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server.openConnectionCount(), 1);
    client.socket->disconnectFromHost();
    QTRY_COMPARE(server.openConnectionCount(), 0);
}

void TestScriptedServer::headAndBodylessStatuses()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Reply withBody;
    withBody.body = "abc";
    server.on("/head", withBody);
    Reply noContent;
    noContent.status = 204;
    server.on("/204", noContent);

    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    client.send("HEAD /head HTTP/1.1\r\nHost: t\r\n\r\nGET /204 HTTP/1.1\r\nHost: t\r\n\r\n" + simpleGet);
    const RawResponse head = client.take(true);
    QCOMPARE(head.value("Content-Length"), QByteArray("3"));
    const RawResponse none = client.take();
    QCOMPARE(none.statusLine, QByteArray("HTTP/1.1 204 No Content"));
    QVERIFY(none.value("Content-Length").isNull());
    QCOMPARE(client.take().status, 404);  // framing intact after both
    QVERIFY(client.received.isEmpty());
}

void TestScriptedServer::malformedRequestGets400()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    client.send("NONSENSE\r\n\r\n");
    QCOMPARE(client.take().status, 400);
    QTRY_VERIFY(client.closed);
    QCOMPARE(server.requestCount(), 0);
}

void TestScriptedServer::redirectAndDefaultHandlers()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("/from", ScriptedServer::redirect(307, "/to"));
    RawHttpClient client;
    QVERIFY(client.connectTo(server));
    client.send("GET /from?q HTTP/1.1\r\nHost: t\r\n\r\n");
    const RawResponse r = client.take();
    QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 307 Temporary Redirect"));
    QCOMPARE(r.value("Location"), QByteArray("/to"));
    QCOMPARE(r.value("Content-Length"), QByteArray("0"));

    client.send(simpleGet);
    QCOMPARE(client.take().body, QByteArray("no handler for /x\n"));
    server.setDefaultHandler([](const ReceivedRequest &req) {
        Reply reply;
        reply.status = 410;
        reply.body = req.method;
        return reply;
    });
    client.send(simpleGet);
    const RawResponse gone = client.take();
    QCOMPARE(gone.status, 410);
    QCOMPARE(gone.body, QByteArray("GET"));
}

void TestScriptedServer::secondServerOnLocalhost()
{
    ScriptedServer first;
    ScriptedServer second;
    QVERIFY(first.listen());
    QVERIFY(second.listen());
    QVERIFY(first.port() != second.port());
    const QUrl url = second.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/cross"));
    RawHttpClient client;
    QVERIFY(client.connectTo(second, url.host()));
    client.send("GET /cross HTTP/1.1\r\nHost: localhost:" + QByteArray::number(url.port()) + "\r\n\r\n");
    QCOMPARE(client.take().status, 404);
    QCOMPARE(first.requestCount(), 0);
    QCOMPARE(second.requests().at(0).header("host"),
             QByteArray("localhost:" + QByteArray::number(second.port())));
}

void TestScriptedServer::tlsHandshake_data()
{
    QTest::addColumn<bool>("trustAsCa");
    QTest::addColumn<QString>("host");
    QTest::newRow("cert-as-ca/localhost") << true << QStringLiteral("localhost");
    QTest::newRow("cert-as-ca/127.0.0.1") << true << QStringLiteral("127.0.0.1");
    QTest::newRow("ignore-self-signed") << false << QStringLiteral("localhost");
}

void TestScriptedServer::tlsHandshake()
{
    QFETCH(bool, trustAsCa);
    QFETCH(QString, host);
    QVERIFY(QSslSocket::supportsSsl());
    ScriptedServer server;
    QVERIFY2(server.listen(ScriptedServer::Mode::Tls), qPrintable(server.errorString()));
    server.on("/echo", &ScriptedServer::echo);

    RawHttpClient client;
    QSslConfiguration config = client.socket->sslConfiguration();
    config.setAllowedNextProtocols(
        {QSslConfiguration::ALPNProtocolHTTP2, QSslConfiguration::NextProtocolHttp1_1});
    if (trustAsCa)
        config.setCaCertificates({ScriptedServer::certificate()});
    else
        client.socket->ignoreSslErrors(
            {QSslError(QSslError::SelfSignedCertificate, ScriptedServer::certificate())});
    client.socket->setSslConfiguration(config);
    QList<QSslError> sslErrors;
    QObject::connect(client.socket.get(), &QSslSocket::sslErrors, client.socket.get(),
                     [&sslErrors](const QList<QSslError> &e) { sslErrors += e; });
    QVERIFY2(client.connectTo(server, host), qPrintable(client.socket->errorString()));
    QCOMPARE(sslErrors.size(), trustAsCa ? 0 : 1);
    QCOMPARE(client.socket->peerCertificate(), ScriptedServer::certificate());
    QCOMPARE(client.socket->sslConfiguration().nextNegotiatedProtocol(),
             QSslConfiguration::NextProtocolHttp1_1);

    client.send("GET /echo HTTP/1.1\r\nHost: " + host.toLatin1() + "\r\n\r\n");
    const RawResponse r = client.take();
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"target").toString(), QStringLiteral("/echo"));
    QCOMPARE(server.connectionCount(), 1);
}

void TestScriptedServer::streamsLargeBody_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<bool>("chunked");
    QTest::newRow("plain") << false << false;
    QTest::newRow("plain/chunked") << false << true;
    QTest::newRow("tls") << true << false;
    QTest::newRow("tls/chunked") << true << true;
}

void TestScriptedServer::streamsLargeBody()
{
    QFETCH(bool, tls);
    QFETCH(bool, chunked);
    constexpr qint64 size = 5 * 1024 * 1024;
    ScriptedServer server;
    QVERIFY(server.listen(tls ? ScriptedServer::Mode::Tls : ScriptedServer::Mode::Plain));
    Reply reply;
    reply.body = "head:";
    reply.bodyRepeat = size;
    reply.bodyByte = 'z';
    reply.chunked = chunked;
    server.on("/big", reply);

    RawHttpClient client;
    client.socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    QVERIFY(client.connectTo(server));
    client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n" + simpleGet);  // and one more behind it
    const RawResponse r = client.take(false, 60000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value("Content-Length"), chunked ? QByteArray() : QByteArray::number(size + 5));
    QCOMPARE(r.body.size(), size + 5);
    QVERIFY(r.body.startsWith("head:"));
    QCOMPARE(r.body.count('z'), size);
    QCOMPARE(client.take().status, 404);  // the pipelined request is answered after the stream
}

void TestScriptedServer::destructorClosesBusyConnections()
{
    auto server = std::make_unique<ScriptedServer>();
    QVERIFY(server->listen());
    Reply silent;
    silent.silent = true;
    Reply delayed;
    delayed.delayMs = 60000;
    Reply huge;
    huge.bodyRepeat = qint64(256) << 20;  // far beyond socket buffers: stalls while the client does not read
    server->on("/silent", silent);
    server->on("/delayed", delayed);
    server->on("/huge", huge);

    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (const char *path : {"/silent", "/delayed", "/huge"}) {
        clients.push_back(std::make_unique<RawHttpClient>());
        RawHttpClient &client = *clients.back();
        client.socket->setReadBufferSize(1024);
        QObject::disconnect(client.socket.get(), &QSslSocket::readyRead, nullptr, nullptr);
        QVERIFY(client.connectTo(*server));
        client.send(QByteArray("GET ") + path + " HTTP/1.1\r\nHost: t\r\n\r\n");
    }
    QTRY_COMPARE(server->requestCount(), 3);
    QTest::qWait(200);
    QCOMPARE(server->openConnectionCount(), 3);
    server.reset();
    for (const auto &client : clients) {
        client->socket->setReadBufferSize(0);
        QVERIFY(QTest::qWaitFor([&client] {
            client->socket->readAll();  // drain what was queued before the close
            return client->closed;
        }));
    }
}

QTEST_GUILESS_MAIN(TestScriptedServer)
#include "tst_scriptedserver.moc"
