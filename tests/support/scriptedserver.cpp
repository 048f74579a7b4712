#include "scriptedserver.h"
#include "scriptedconnection_p.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace Rwb::Test {

bool detail::hasHeader(const HeaderList &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [name](const auto &h) { return sameName(h.first, name); });
}

// ---------------------------------------------------------------------------------------------------
// ReceivedRequest

QByteArray ReceivedRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (detail::sameName(h.first, name))
            return h.second;
    }
    return {};
}

QList<QByteArray> ReceivedRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (detail::sameName(h.first, name))
            values.append(h.second);
    }
    return values;
}

bool ReceivedRequest::hasHeader(QByteArrayView name) const
{
    return detail::hasHeader(headers, name);
}

QByteArray ReceivedRequest::path() const
{
    QByteArrayView t = target;
    if (const qsizetype scheme = t.indexOf("://"); scheme > 0 && !t.startsWith('/')) {
        const qsizetype authorityEnd = t.indexOf('/', scheme + 3);
        const qsizetype queryStart = t.indexOf('?', scheme + 3);
        if (authorityEnd < 0 || (queryStart >= 0 && queryStart < authorityEnd))
            return "/";
        t = t.sliced(authorityEnd);
    }
    for (const char stop : {'?', '#'}) {
        if (const qsizetype i = t.indexOf(stop); i >= 0)
            t = t.first(i);
    }
    return t.toByteArray();
}

QByteArray ReceivedRequest::query() const
{
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return {};
    const qsizetype hash = target.indexOf('#', q);
    return target.mid(q + 1, hash < 0 ? -1 : hash - q - 1);
}

// ---------------------------------------------------------------------------------------------------
// ScriptedServer

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
    , m_defaultHandler(&ScriptedServer::notFound)
{
}

ScriptedServer::~ScriptedServer()
{
    close();
}

ScriptedServer *ScriptedServer::startEcho(QObject *parent)
{
    auto *server = new ScriptedServer(parent);
    if (!server->listen()) {
        delete server;
        return nullptr;
    }
    server->on("/echo", &ScriptedServer::echo);
    return server;
}

bool ScriptedServer::listen(Mode mode, const QHostAddress &address)
{
    close();
    m_mode = mode;
    m_errorString.clear();
    if (mode == Mode::Tls) {
        if (!QSslSocket::supportsSsl()) {
            m_errorString = QStringLiteral("TLS is not available (no Qt TLS backend)");
            return false;
        }
        const QSslCertificate cert = certificate();
        const QSslKey key = privateKey();
        if (cert.isNull() || key.isNull()) {
            m_errorString = QStringLiteral("cannot load the test certificate/key from ") + certificateDir();
            return false;
        }
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(cert);
        config.setPrivateKey(key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        config.setAllowedNextProtocols({QSslConfiguration::NextProtocolHttp1_1});  // never HTTP/2
        auto *sslServer = new QSslServer(this);
        sslServer->setSslConfiguration(config);
        m_server = sslServer;
    } else {
        m_server = new QTcpServer(this);
    }
    // QSslServer queues a socket only once its handshake is done, announced by pendingConnectionAvailable
    // (new in 6.4); newConnection is connected too, harmlessly (acceptPending only takes what is queued).
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &ScriptedServer::acceptPending);
    connect(m_server, &QTcpServer::newConnection, this, &ScriptedServer::acceptPending);
    if (!m_server->listen(address, 0)) {
        m_errorString = m_server->errorString();
        delete std::exchange(m_server, nullptr);
        return false;
    }
    return true;
}

void ScriptedServer::close()
{
    abortConnections();
    delete std::exchange(m_server, nullptr);  // also drops TLS handshakes still in progress
}

bool ScriptedServer::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 ScriptedServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl ScriptedServer::url(const QString &pathAndQuery) const
{
    const QHostAddress address = m_server ? m_server->serverAddress() : QHostAddress();
    const bool wildcard = address.isNull() || address == QHostAddress::Any || address == QHostAddress::AnyIPv4
                          || address == QHostAddress::AnyIPv6;
    return urlWithHost(wildcard ? QStringLiteral("127.0.0.1") : address.toString(), pathAndQuery);
}

QUrl ScriptedServer::urlWithHost(const QString &host, const QString &pathAndQuery) const
{
    const QString scheme = m_mode == Mode::Tls ? QStringLiteral("https") : QStringLiteral("http");
    QString hostPart = host;
    if (host.contains(u':'))
        hostPart = QLatin1Char('[') + host + QLatin1Char(']');  // IPv6 literal
    QString url = scheme + QLatin1String("://") + hostPart + QLatin1Char(':') + QString::number(port());
    if (!pathAndQuery.startsWith(u'/'))
        url += QLatin1Char('/');
    url += pathAndQuery;
    return QUrl(url);
}

void ScriptedServer::on(const QByteArray &path, Handler handler)
{
    m_handlers.insert(path, std::move(handler));
}

void ScriptedServer::on(const QByteArray &path, const Reply &reply)
{
    on(path, [reply](const ReceivedRequest &) { return reply; });
}

void ScriptedServer::setDefaultHandler(Handler handler)
{
    m_defaultHandler = std::move(handler);
}

void ScriptedServer::abortConnections()
{
    const QList<Connection *> connections = std::exchange(m_connections, {});
    for (Connection *connection : connections) {
        connection->shutdown();
        // Not delete: we may be inside one of its callbacks (a handler calling close()). When the
        // server itself is destroyed, QObject deletes these children right away.
        connection->deleteLater();
    }
}

void ScriptedServer::acceptPending()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        auto *connection = new Connection(this, socket, ++m_connectionCount);
        m_connections.append(connection);
        if (socket->state() != QAbstractSocket::ConnectedState) {
            removeConnection(connection);
            continue;
        }
        // Bytes may already be buffered (TLS: decrypted during the handshake): read them from the
        // event loop, so that handlers never run inside acceptPending.
        QTimer::singleShot(0, connection, [connection] { connection->readRequests(); });
    }
}

Reply ScriptedServer::handle(const ReceivedRequest &request)
{
    m_requests.append(request);
    const QPointer<ScriptedServer> self(this);
    Q_EMIT requestReceived(int(m_requests.size()) - 1);
    if (!self)
        return {};
    const Handler handler = m_handlers.value(request.path(), m_defaultHandler);  // a copy: may call on()
    return handler ? handler(request) : notFound(request);
}

void ScriptedServer::removeConnection(Connection *connection)
{
    if (m_connections.removeOne(connection))
        connection->deleteLater();
}

Reply ScriptedServer::redirect(int status, const QByteArray &location)
{
    Reply reply;
    reply.status = status;
    reply.addHeader("Location", location);
    return reply;
}

Reply ScriptedServer::notFound(const ReceivedRequest &request)
{
    Reply reply;
    reply.status = 404;
    reply.addHeader("Content-Type", "text/plain");
    reply.body = "no handler for " + request.path() + '\n';
    return reply;
}

Reply ScriptedServer::echo(const ReceivedRequest &request)
{
    QJsonArray headers;
    for (const auto &h : request.headers)
        headers.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
    const QJsonObject object{
        {QStringLiteral("method"), QString::fromLatin1(request.method)},
        {QStringLiteral("target"), QString::fromLatin1(request.target)},
        {QStringLiteral("version"), QString::fromLatin1(request.version)},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("body"), QString::fromUtf8(request.body)},
        {QStringLiteral("bodySize"), request.body.size()},
    };
    Reply reply;
    reply.addHeader("Content-Type", "application/json");
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

QByteArray ScriptedServer::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 300:
        return "Multiple Choices";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 305:
        return "Use Proxy";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 407:
        return "Proxy Authentication Required";
    case 408:
        return "Request Timeout";
    case 410:
        return "Gone";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Unknown";
    }
}

QString ScriptedServer::certificateDir()
{
    return QStringLiteral(RWB_TEST_CERT_DIR);
}

QSslCertificate ScriptedServer::certificate()
{
    QFile file(certificateDir() + QStringLiteral("/localhost.crt"));
    return file.open(QIODevice::ReadOnly) ? QSslCertificate(file.readAll(), QSsl::Pem) : QSslCertificate();
}

QSslKey ScriptedServer::privateKey()
{
    QFile file(certificateDir() + QStringLiteral("/localhost.key"));
    return file.open(QIODevice::ReadOnly) ? QSslKey(file.readAll(), QSsl::Rsa, QSsl::Pem) : QSslKey();
}

}  // namespace Rwb::Test
