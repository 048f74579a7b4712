// In-process, scriptable HTTP/1.1 server for the integration tests.
//
// Runs on the caller's event loop (single thread, no blocking), so the client under test can live in
// the same thread. Every request is recorded byte-exactly; each response is scripted per path.
// Replies on a connection go out in request order (pipelining); a delayed, silent or streaming reply
// holds back the replies queued behind it. "Expect: 100-continue" gets no interim 100 (script one
// with Reply::raw if ever needed). Destroy the server with deleteLater() when inside its own
// handler or requestReceived slot.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QUrl>

#include <functional>

class QTcpServer;

namespace Rwb::Test {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct ReceivedRequest {
    QByteArray method;     // exact bytes of the request line, split at single spaces
    QByteArray target;     // as sent: origin-form "/p?q", absolute-form, "*", ...
    QByteArray version;    // "HTTP/1.1"
    HeaderList headers;    // in wire order, duplicates kept; name exact, value without surrounding blanks
    QByteArray body;       // de-chunked when sent with Transfer-Encoding: chunked (trailers only in raw)
    QByteArray raw;        // the complete request exactly as received (head + body framing)
    int connectionId = 0;  // 1 for the server's first accepted connection, then 2, 3, ...

    // First value of the header, name compared case-insensitively; null QByteArray when absent.
    QByteArray header(QByteArrayView name) const;
    // All values of the header in order (for duplicates such as Cookie sent twice).
    QList<QByteArray> headerValues(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // The target's path without query/fragment ("/a/b"); for absolute-form targets the path part.
    QByteArray path() const;
    // The target's query without '?' (null when none).
    QByteArray query() const;
};

// What a handler answers. Precedence: silent, then delayMs, then reset, then raw, then a built response.
struct Reply {
    int status = 200;
    QByteArray reason;   // empty: ScriptedServer::reasonPhrase(status)
    HeaderList headers;  // written in order, duplicates allowed
    // Content-Length is added unless a header sets it, chunked is true, or the status has no body
    // (1xx, 204, 304). The body is never sent for HEAD requests (headers are).
    QByteArray body;
    bool chunked = false;  // send the body (and the streamed part) with Transfer-Encoding: chunked
    QByteArray raw;        // non-empty: written verbatim instead of a built response
    int delayMs = 0;       // wait (QTimer, event loop keeps running) before answering
    bool reset = false;    // abort the connection with a TCP RST instead of answering
    bool close = false;    // close after the response ("Connection: close" added unless set)
    bool silent = false;   // never answer (later requests on this connection are not answered either)
    // Stream bodyRepeat more bytes of bodyByte after body, 64 KiB at a time as the socket drains.
    qint64 bodyRepeat = 0;
    char bodyByte = 'x';

    Reply &addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
        return *this;
    }
};

class ScriptedServer : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Plain, Tls };
    using Handler = std::function<Reply(const ReceivedRequest &)>;

    explicit ScriptedServer(QObject *parent = nullptr);
    ~ScriptedServer() override;

    // Listens on address (default 127.0.0.1) with a random port. Mode::Tls serves HTTPS with the
    // test certificate (CN=localhost, SAN localhost + 127.0.0.1). False (see errorString()) on failure.
    bool listen(Mode mode = Mode::Plain, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));
    // A plain server on 127.0.0.1 that answers /echo with ScriptedServer::echo: what most tests start
    // from. Null when it cannot listen.
    static ScriptedServer *startEcho(QObject *parent);
    // Stops listening and aborts every open connection.
    void close();
    bool isListening() const;
    Mode mode() const { return m_mode; }
    QString errorString() const { return m_errorString; }
    quint16 port() const;

    // http(s)://127.0.0.1:PORT + pathAndQuery ("/a?b=1"; a missing leading '/' is added).
    QUrl url(const QString &pathAndQuery) const;
    // Same with another host name, e.g. "localhost" for a cross-origin hop to a second server.
    QUrl urlWithHost(const QString &host, const QString &pathAndQuery) const;

    // Script the reply for a path (target without query). Replaces an earlier handler for that path.
    void on(const QByteArray &path, Handler handler);
    void on(const QByteArray &path, const Reply &reply);
    // Used for unscripted paths; the initial default answers 404.
    void setDefaultHandler(Handler handler);

    QList<ReceivedRequest> requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    void clearRequests() { m_requests.clear(); }
    // Connections accepted since construction (TLS: after a successful handshake).
    int connectionCount() const { return m_connectionCount; }
    // Connections currently open.
    int openConnectionCount() const { return int(m_connections.size()); }
    // Aborts every open connection but keeps listening.
    void abortConnections();

    static Reply redirect(int status, const QByteArray &location);
    // 200, application/json: {"method","target","version","headers":[[name,value],...],"body" (UTF-8
    // text),"bodySize"}. Only what was on the wire (no connection id), so the same request gives the same
    // bytes on any connection. method/target/header strings are Latin-1 decoded: QString::toLatin1()
    // gives back the exact bytes.
    static Reply echo(const ReceivedRequest &request);
    static Reply notFound(const ReceivedRequest &request);
    static QByteArray reasonPhrase(int status);

    // The test certificate and key (RWB_TEST_CERT_DIR), e.g. to add as a CA on the client.
    static QString certificateDir();
    static QSslCertificate certificate();
    static QSslKey privateKey();

Q_SIGNALS:
    // Emitted when a request is complete and recorded, before its reply is computed.
    void requestReceived(int index);

private:
    class Connection;

    void acceptPending();
    // Records the request, emits requestReceived and returns the scripted reply.
    Reply handle(const ReceivedRequest &request);
    void removeConnection(Connection *connection);

    QTcpServer *m_server = nullptr;
    Mode m_mode = Mode::Plain;
    QString m_errorString;
    QList<Connection *> m_connections;
    QList<ReceivedRequest> m_requests;
    QHash<QByteArray, Handler> m_handlers;
    Handler m_defaultHandler;
    int m_connectionCount = 0;
};

}  // namespace Rwb::Test
