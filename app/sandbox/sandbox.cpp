#include "sandbox/sandbox.h"

#include "core/http/tokens.h"

#include <QAbstractHttpServer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace Rwb {

namespace {

using ByteHeaders = QList<QPair<QByteArray, QByteArray>>;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        break;
    }
    return QByteArray();  // another method: only rules for any method match it
}

// A header value as the rule wrote it, placeholders replaced; line breaks never reach the wire.
QByteArray headerBytes(const QString &text)
{
    return replaceFieldBreaks(text.toUtf8());
}

bool statusHasBody(int status)
{
    return !(status < 200 || status == 204 || status == 304);
}

QByteArray readResource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString listenError(const char *what, quint16 port, const QString &why)
{
    return QStringLiteral("cannot listen on 127.0.0.1:%1 (%2): %3").arg(port).arg(QLatin1String(what), why);
}

// What the sandbox lets one connection do (QHttpServer 6.4 sets no limit: it buffers a request head or
// body of any size and keeps an idle connection for ever). The numbers are near nginx's defaults.
constexpr qsizetype kMaxRequestHead = 64 * 1024;
constexpr qsizetype kMaxRequestBytes = 16 * 1024 * 1024;  // head and body of one request

// Watches one connection from before the HTTP server reads it (its readyRead slot runs first): a request
// head over kMaxRequestHead, or a request over kMaxRequestBytes, gets 431 or 413 and the connection is
// closed; a connection idle for the idle timeout is closed, except while the sandbox holds a response
// for it (a delayed rule). Written here because QHttpServer 6.4 has no such settings.
class ConnectionGuard final : public QObject
{
public:
    using Refused = std::function<void(QTcpSocket *, int status, const QString &why)>;
    ConnectionGuard(QTcpSocket *socket, int idleMs, Refused refused)
        : QObject(socket)
        , m_socket(socket)
        , m_refused(std::move(refused))
    {
        setObjectName(name());  // found by name: the class has no meta-object of its own
        m_idle.setSingleShot(true);
        m_idle.setInterval(idleMs);
        connect(&m_idle, &QTimer::timeout, socket, &QTcpSocket::abort);
        connect(socket, &QIODevice::readyRead, this, [this] { onData(); });
        connect(socket, &QIODevice::bytesWritten, this, [this] { onWritten(); });
        m_idle.start();
    }

    static QString name() { return QStringLiteral("rwbConnectionGuard"); }
    static ConnectionGuard *of(QTcpSocket *socket)
    {
        QObject *guard = socket ? socket->findChild<QObject *>(name(), Qt::FindDirectChildrenOnly) : nullptr;
        return static_cast<ConnectionGuard *>(guard);
    }

    // The sandbox is answering a request on this connection (it may wait on a delay): no idle timeout.
    void setBusy(bool busy)
    {
        m_busy = busy;
        if (busy)
            m_idle.stop();
        else
            m_idle.start();
    }

private:
    void onData()
    {
        if (m_closed)
            return drop();  // nothing more reaches the HTTP server
        if (!m_busy)
            m_idle.start();
        const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
        m_requestBytes += chunk.size();
        if (!m_inBody) {
            // The head ends at an empty line; the last bytes of the chunk before are kept to find one
            // that arrives split.
            const QByteArray seen = m_tail + chunk;
            const qsizetype end = qMax(seen.indexOf("\n\r\n"), seen.indexOf("\n\n"));
            m_tail = seen.right(3);
            if (end >= 0) {
                m_inBody = true;
            } else if (m_requestBytes > kMaxRequestHead) {  // all of it head so far
                return refuse(431, QStringLiteral("a request head over 64 KiB"));
            }
        }
        if (m_requestBytes > kMaxRequestBytes)
            refuse(413, QStringLiteral("a request over 16 MiB"));
    }

    void onWritten()
    {
        if (m_closed)
            return endWriting();
        if (!m_busy)
            m_idle.start();
        if (m_socket->bytesToWrite() == 0 && !m_busy && m_inBody) {  // answered: the next request begins
            m_inBody = false;
            m_requestBytes = 0;
            m_tail.clear();
        }
    }

    // Reads and drops what the client sent, a buffer at a time (readAll() would keep reading as long as a
    // fast client keeps sending, into one array), at most 1 MiB before the event loop runs again.
    void drop()
    {
        char buffer[16 * 1024];
        for (int i = 0; i < 64 && m_socket->read(buffer, sizeof buffer) > 0; ++i) {
        }
    }

    void refuse(int status, const QString &why)
    {
        m_closed = true;
        // From here the socket takes no more than this from the kernel at a time (before, the HTTP server
        // reads all there is on each readyRead; with a limit it would stall on a large body).
        m_socket->setReadBufferSize(kMaxRequestHead);
        drop();
        m_socket->write("HTTP/1.1 " + QByteArray::number(status)
                        + (status == 431 ? " Request Header Fields Too Large" : " Content Too Large")
                        + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        m_socket->flush();
        m_refused(m_socket, status, why);
        if (!m_busy)
            m_idle.start();  // no longer restarted: the connection ends by then at the latest
        endWriting();
    }

    // After a refusal: the response goes out, then the sending side closes while what the client still
    // sends is read and dropped. Closing at once would make the kernel answer its unread bytes with a
    // reset, which can destroy the response before the client reads it.
    void endWriting()
    {
        if (m_socket->bytesToWrite() > 0 || m_writingEnded)
            return;
        m_writingEnded = true;
#ifdef Q_OS_UNIX
        if (!qobject_cast<QSslSocket *>(m_socket) && m_socket->socketDescriptor() >= 0) {
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
            return;
        }
#endif
        m_socket->disconnectFromHost();
    }

    QTcpSocket *m_socket;
    Refused m_refused;
    QTimer m_idle;
    QByteArray m_tail;
    qsizetype m_requestBytes = 0;  // of the current request: its head, then its body
    bool m_inBody = false;
    bool m_busy = false;
    bool m_closed = false;  // refused: what comes is dropped
    bool m_writingEnded = false;
};

// A listener (QTcpServer or QSslServer) that puts a ConnectionGuard on every connection it accepts.
template <typename Listener> class GuardedListener final : public Listener
{
public:
    GuardedListener(int idleMs, ConnectionGuard::Refused refused, QObject *parent)
        : Listener(parent)
        , m_idleMs(idleMs)
        , m_refused(std::move(refused))
    {
    }

protected:
    void incomingConnection(qintptr handle) override
    {
        if constexpr (std::is_same_v<Listener, QTcpServer>) {
            // QTcpServer's own would hand the socket to the HTTP server (addPendingConnection()) before
            // the guard could connect to it.
            auto *socket = new QTcpSocket(this);
            if (!socket->setSocketDescriptor(handle)) {
                delete socket;
                return;
            }
            new ConnectionGuard(socket, m_idleMs, m_refused);
            this->addPendingConnection(socket);
        } else {
            // QSslServer makes a QSslSocket, a child of the listener, and hands it on after the handshake.
            Listener::incomingConnection(handle);
            const QObjectList &children = this->children();
            if (auto *socket = children.isEmpty() ? nullptr : qobject_cast<QTcpSocket *>(children.last()))
                new ConnectionGuard(socket, m_idleMs, m_refused);
        }
    }

private:
    int m_idleMs;
    ConnectionGuard::Refused m_refused;
};

}  // namespace

// QAbstractHttpServer with one handler for every request (QHttpServer's router matches fixed path
// patterns; the sandbox matches its own rules).
class Sandbox::Server final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &)>;
    Server(Handler handler, QObject *parent)
        : QAbstractHttpServer(parent)
        , m_handler(std::move(handler))
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        m_handler(request, responder);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    Handler m_handler;
};

Sandbox::Sandbox(QObject *parent)
    : QObject(parent)
    , m_allRules(builtinScenarioRules())
{
}

Sandbox::~Sandbox()
{
    stop();
}

bool Sandbox::start(quint16 port, QString *error)
{
    stop();
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        stop();
        return false;
    };
    if (port != 0 && port > 65535 - 2)
        return fail(
            QStringLiteral("port %1 is too high: the sandbox also needs the two ports after it").arg(port));
    const auto handler = [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        handle(request, responder);
    };
    const auto refused = [this](QTcpSocket *socket, int status, const QString &why) {
        emit requestServed(originOf(socket), QStringLiteral("?"),
                           QStringLiteral(" (%1: connection closed)").arg(why), status);
    };
    m_plain = new Server(handler, this);
    auto listenPlain = [&](const char *what, quint16 wanted, quint16 *got) {
        auto *tcp = new GuardedListener<QTcpServer>(m_idleMs, refused, m_plain);
        if (!tcp->listen(QHostAddress(QHostAddress::LocalHost), wanted))
            return fail(listenError(what, wanted, tcp->errorString()));
        *got = tcp->serverPort();
        m_plain->bind(tcp);
        return true;
    };
    if (!listenPlain("origin", port, &m_ports.origin)
        || !listenPlain("other origin", port == 0 ? 0 : quint16(port + 1), &m_ports.other))
        return false;

    m_tlsError.clear();
    if (!m_tlsEnabled) {
        m_tlsError = QStringLiteral("TLS is turned off");
        return true;
    }
    if (!QSslSocket::supportsSsl()) {
        m_tlsError = QStringLiteral("no TLS backend (%1)").arg(QSslSocket::activeBackend());
        return true;
    }
    const QList<QSslCertificate> certs =
        QSslCertificate::fromData(readResource(QStringLiteral(":/sandbox/certs/sandbox.crt")), QSsl::Pem);
    const QSslKey key(readResource(QStringLiteral(":/sandbox/certs/sandbox.key")), QSsl::Rsa, QSsl::Pem);
    if (certs.isEmpty() || key.isNull()) {
        m_tlsError = QStringLiteral("the built-in certificate cannot be read");
        return true;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certs.first());
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_tls = new Server(handler, this);
    auto *ssl = new GuardedListener<QSslServer>(m_idleMs, refused, m_tls);
    ssl->setSslConfiguration(config);
    const quint16 tlsPort = port == 0 ? 0 : quint16(port + 2);
    if (!ssl->listen(QHostAddress(QHostAddress::LocalHost), tlsPort))
        return fail(listenError("https", tlsPort, ssl->errorString()));
    m_ports.tls = ssl->serverPort();
    m_tls->bind(ssl);
    return true;
}

void Sandbox::stop()
{
    for (Server *server : {m_plain, m_tls}) {
        if (!server)
            continue;
        for (QTcpServer *tcp : server->servers())
            tcp->close();
        // Later: stop() may run inside one of the server's own handlers (a slot of requestServed).
        server->deleteLater();
    }
    m_plain = nullptr;
    m_tls = nullptr;
    m_ports = Ports();
}

void Sandbox::setRules(const QList<SandboxRule> &rules)
{
    m_userRules = rules;
    m_allRules = rules + builtinScenarioRules();
}

QUrl Sandbox::originUrl() const
{
    return m_ports.origin ? QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_ports.origin)) : QUrl();
}

QUrl Sandbox::otherUrl() const
{
    return m_ports.other ? QUrl(QStringLiteral("http://localhost:%1").arg(m_ports.other)) : QUrl();
}

QUrl Sandbox::httpsUrl() const
{
    return m_ports.tls ? QUrl(QStringLiteral("https://localhost:%1").arg(m_ports.tls)) : QUrl();
}

QString Sandbox::originOf(const QTcpSocket *socket) const
{
    const quint16 port = socket ? socket->localPort() : 0;
    if (port != 0 && port == m_ports.other)
        return otherUrl().toString();
    if (port != 0 && port == m_ports.tls)
        return httpsUrl().toString();
    return originUrl().toString();
}

void Sandbox::handle(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const QByteArray method = methodName(request.method());
    const QUrl url = request.url();
    const QString path = url.path();
    const QString pathAndQuery =
        url.hasQuery() ? path + QLatin1Char('?') + url.query(QUrl::FullyEncoded) : path;
    const QString origin = originOf(responder.socket());
    const QString methodText = method.isEmpty() ? QStringLiteral("?") : QString::fromLatin1(method);
    const bool head = method == "HEAD";

    const SandboxUrls placeholders = urls();
    const qsizetype index = findSandboxRule(m_allRules, method, path, request.headers());
    // After every rule: the answers scenarios compute (the site migration's thousands of URLs).
    const std::optional<SandboxRule> generated =
        index < 0 ? builtinGeneratedRule(path, placeholders) : std::nullopt;
    if (index < 0 && !generated) {
        const QByteArray body = "No sandbox rule for " + methodText.toUtf8() + ' ' + path.toUtf8() + '\n';
        respond(responder, origin, methodText, pathAndQuery, head, 404,
                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")}}, body);
        return;
    }
    const SandboxRule &rule = index >= 0 ? m_allRules.at(index) : *generated;
    ByteHeaders headers;
    if (!rule.location.isEmpty())
        headers.append({QByteArrayLiteral("Location"),
                        headerBytes(expandSandboxText(rule.location, placeholders, url))});
    bool hasContentType = false;
    for (const SandboxHeader &h : rule.headers) {
        hasContentType =
            hasContentType || h.first.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0;
        headers.append({headerBytes(h.first), headerBytes(expandSandboxText(h.second, placeholders, url))});
    }
    if (!rule.body.isEmpty() && !hasContentType) {
        headers.append({QByteArrayLiteral("Content-Type"),
                        rule.contentType.isEmpty() ? QByteArrayLiteral("text/plain; charset=utf-8")
                                                   : headerBytes(rule.contentType)});
    }
    if (rule.delayMs <= 0) {
        respond(responder, origin, methodText, pathAndQuery, head, rule.status, headers, rule.body);
        return;
    }
    // The responder waits on a timer; the connection may be gone by then (its socket deleted). It is not
    // idle meanwhile.
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket(held->socket());
    const QPointer<ConnectionGuard> busy(ConnectionGuard::of(held->socket()));
    if (busy)
        busy->setBusy(true);
    QTimer::singleShot(rule.delayMs, this,
                       [this, held, socket, busy, origin, methodText, pathAndQuery, head,
                        status = rule.status, headers, body = rule.body]() {
                           if (busy)
                               busy->setBusy(false);
                           if (socket && socket->state() == QAbstractSocket::ConnectedState)
                               respond(*held, origin, methodText, pathAndQuery, head, status, headers, body);
                       });
}

void Sandbox::respond(QHttpServerResponder &responder, const QString &origin, const QString &method,
                      const QString &path, bool head, int status, const ByteHeaders &headers,
                      const QByteArray &body)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    for (const auto &h : headers)
        responder.writeHeader(h.first, h.second);
    const bool withBody = statusHasBody(status);
    if (withBody)
        responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    responder.writeBody(withBody && !head ? body : QByteArray());
    // The method and path are the client's: shown with their control characters escaped, so that a log of
    // them can drive no terminal.
    emit requestServed(origin, visibleText(method), visibleText(path), status);
}

}  // namespace Rwb
